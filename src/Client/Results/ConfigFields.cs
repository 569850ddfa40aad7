using System.Globalization;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Results;

/// <summary>The fields of <see cref="TrialConfig"/> in the order a user reads them, and which of them a sweep varies.</summary>
public static class ConfigFields
{
    public static readonly IReadOnlyList<ConfigField> All =
    [
        new("optimizer", "", c => c.Optimizer),
        new("learning_rate", "lr", c => Real(c.LearningRate)),
        new("dropout", "dropout", c => Real(c.Dropout)),
        new("hidden", "hidden", c => "[" + string.Join(",", c.Hidden.Select(h => h.ToString(CultureInfo.InvariantCulture))) + "]"),
        new("activations", "act", c => "[" + string.Join(",", c.Activations) + "]"),
        new("batch_norm", "bn", c => Flag(c.BatchNorm)),
        new("regularize_every_layer", "reg_all", c => Flag(c.RegularizeEveryLayer)),
        new("momentum", "momentum", c => Real(c.Momentum)),
        new("nesterov", "nesterov", c => Flag(c.Nesterov)),
        new("weight_decay", "wd", c => Real(c.WeightDecay)),
        new("lr_schedule", "sched", c => c.LrSchedule),
        new("lr_step_size", "step", c => Integer(c.LrStepSize)),
        new("lr_gamma", "gamma", c => Real(c.LrGamma)),
        new("min_learning_rate", "min_lr", c => Real(c.MinLearningRate)),
        new("epochs", "epochs", c => Integer(c.Epochs)),
        new("batch_size", "batch", c => Integer(c.BatchSize)),
        new("seed", "seed", c => c.Seed.ToString(CultureInfo.InvariantCulture)),
        new("split_seed", "split_seed", c => c.SplitSeed.ToString(CultureInfo.InvariantCulture)),
        new("dataset", "dataset", c => c.DatasetName),
        new("dataset_path", "path", c => c.DatasetPath ?? ""),
        new("validation_split", "val_split", c => Real(c.ValidationSplit)),
        new("normalization", "norm", c => c.Normalization),
        new("train_limit", "train_limit", c => c.TrainLimit is { } n ? Integer(n) : ""),
        new("test_limit", "test_limit", c => c.TestLimit is { } n ? Integer(n) : ""),
    ];

    /// <summary>The fields whose value is not the same in every configuration, in <see cref="All"/>'s order.</summary>
    public static IReadOnlyList<ConfigField> Varying(IEnumerable<TrialConfig> configs)
    {
        var list = configs.ToList();
        return All.Where(f => list.Select(f.Text).Distinct(StringComparer.Ordinal).Skip(1).Any()).ToList();
    }

    /// <summary>A short label such as "adam lr=0.001 dropout=0.2" from the given fields; the optimizer is shown bare.</summary>
    public static string Label(TrialConfig config, IEnumerable<ConfigField> fields) =>
        string.Join(" ", fields.Select(f => f.ShortName.Length == 0 ? f.Text(config) : $"{f.ShortName}={f.Text(config)}"));

    private static string Real(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";
}
