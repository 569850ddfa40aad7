using System.Text;

namespace SweepGrid.Contracts.Trials;

/// <summary>
/// Everything one trial trains with, fully resolved: no defaults left to look up elsewhere.
/// Where the trial runs (device, threads, checkpoint folder) is not part of it.
/// </summary>
[GenerateSerializer]
[Immutable] // Contract records are never mutated after creation, so Orleans passes them between local grains without copying.
public sealed record TrialConfig
{
    [Id(0)] public string DatasetName { get; init; } = "fashion-mnist";

    [Id(1)] public string? DatasetPath { get; init; }

    [Id(2)] public double ValidationSplit { get; init; } = 0.1;

    /// <summary>minus_one_to_one or standardize.</summary>
    [Id(3)] public string Normalization { get; init; } = "minus_one_to_one";

    [Id(4)] public int? TrainLimit { get; init; }

    [Id(5)] public int? TestLimit { get; init; }

    [Id(6)] public long SplitSeed { get; init; } = 42;

    [Id(7)] public IReadOnlyList<int> Hidden { get; init; } = [128, 64, 32];

    [Id(8)] public IReadOnlyList<string> Activations { get; init; } = ["relu", "gelu", "tanh"];

    [Id(9)] public bool BatchNorm { get; init; } = true;

    [Id(10)] public double Dropout { get; init; } = 0.2;

    [Id(11)] public bool RegularizeEveryLayer { get; init; }

    /// <summary>sgd, adam or rmsprop.</summary>
    [Id(12)] public string Optimizer { get; init; } = "adam";

    [Id(13)] public double LearningRate { get; init; } = 0.001;

    [Id(14)] public double Momentum { get; init; }

    [Id(15)] public bool Nesterov { get; init; }

    [Id(16)] public double WeightDecay { get; init; }

    /// <summary>constant, step or cosine.</summary>
    [Id(17)] public string LrSchedule { get; init; } = "constant";

    [Id(18)] public int LrStepSize { get; init; } = 10;

    [Id(19)] public double LrGamma { get; init; } = 0.1;

    [Id(20)] public double MinLearningRate { get; init; }

    [Id(21)] public int Epochs { get; init; } = 10;

    [Id(22)] public int BatchSize { get; init; } = 128;

    [Id(23)] public long Seed { get; init; } = 42;

    /// <summary>
    /// One "key=value" line per field, keys in ordinal order, numbers in invariant round-trip form:
    /// the text a trial id is hashed from, so it must never depend on culture or declaration order.
    /// </summary>
    public string ToCanonicalText()
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["activations"] = "[" + string.Join(",", Activations.Select(CanonicalText.Quoted)) + "]",
            ["batch_norm"] = CanonicalText.Flag(BatchNorm),
            ["batch_size"] = CanonicalText.Integer(BatchSize),
            ["dataset"] = CanonicalText.Quoted(DatasetName),
            ["dataset_path"] = CanonicalText.Quoted(DatasetPath),
            ["dropout"] = CanonicalText.Real(Dropout),
            ["epochs"] = CanonicalText.Integer(Epochs),
            ["hidden"] = "[" + string.Join(",", Hidden.Select(h => CanonicalText.Integer(h))) + "]",
            ["learning_rate"] = CanonicalText.Real(LearningRate),
            ["lr_gamma"] = CanonicalText.Real(LrGamma),
            ["lr_schedule"] = CanonicalText.Quoted(LrSchedule),
            ["lr_step_size"] = CanonicalText.Integer(LrStepSize),
            ["min_learning_rate"] = CanonicalText.Real(MinLearningRate),
            ["momentum"] = CanonicalText.Real(Momentum),
            ["nesterov"] = CanonicalText.Flag(Nesterov),
            ["normalization"] = CanonicalText.Quoted(Normalization),
            ["optimizer"] = CanonicalText.Quoted(Optimizer),
            ["regularize_every_layer"] = CanonicalText.Flag(RegularizeEveryLayer),
            ["seed"] = CanonicalText.Integer(Seed),
            ["split_seed"] = CanonicalText.Integer(SplitSeed),
            ["test_limit"] = TestLimit is { } test ? CanonicalText.Integer(test) : "null",
            ["train_limit"] = TrainLimit is { } train ? CanonicalText.Integer(train) : "null",
            ["validation_split"] = CanonicalText.Real(ValidationSplit),
            ["weight_decay"] = CanonicalText.Real(WeightDecay),
        };

        var text = new StringBuilder("sweepgrid.trial.v1\n");
        foreach (var (key, value) in fields)
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }

        return text.ToString();
    }

    // Lists compare by content, so two configurations are equal exactly when their trial ids are.
    public bool Equals(TrialConfig? other) => other is not null && ToCanonicalText() == other.ToCanonicalText();

    public override int GetHashCode() => ToCanonicalText().GetHashCode(StringComparison.Ordinal);
}
