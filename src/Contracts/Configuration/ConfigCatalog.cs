using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Configuration;

/// <summary>
/// The only definition of every configuration field. The spec vocabulary, the parser,
/// the text behind trial ids, the results columns, the <c>sweepgrid train</c> options and the mapping into the trainer
/// all derive from it; adding a hyperparameter means an entry here, its property on <see cref="TrialConfig"/> (which
/// carries it across grain calls), and teaching the trainer to use it.
/// </summary>
public static class ConfigCatalog
{
    public static readonly IReadOnlyList<string> Optimizers = ["sgd", "adam", "rmsprop"];

    public static readonly IReadOnlyList<string> Activations = ["relu", "gelu", "tanh", "sigmoid", "leaky_relu", "elu", "silu"];

    public static readonly IReadOnlyList<string> LrSchedules = ["constant", "step", "cosine"];

    public static readonly IReadOnlyList<string> Normalizations = ["minus_one_to_one", "standardize"];

    /// <summary>Datasets found without a path; any other name needs one.</summary>
    public static readonly IReadOnlyList<string> KnownDatasets = ["fashion-mnist", "cifar10"];

    private const ConfigSection Data = ConfigSection.Dataset;
    private const ConfigSection Model = ConfigSection.Model;
    private const ConfigSection Training = ConfigSection.Training;

    public static readonly ConfigField Optimizer = Choice("optimizer", Training, Optimizers, "adam", "the optimizer",
        c => c.Optimizer, (c, v) => c with { Optimizer = v }) with
    {
        Label = "",
    };

    public static readonly ConfigField LearningRate = Real("learning_rate", Training, 0.001, NumericDomain.Positive,
        "the learning rate; by default the seed experiment's for the optimizer",
        c => c.LearningRate, (c, v) => c with { LearningRate = v }) with
    {
        PerMember = true,
        Label = "lr",
        OptionAliases = ["--lr"],
        DependentDefault = c => ParameterValue.OfReal(DefaultLearningRate(c.Optimizer)),
    };

    public static readonly ConfigField Dropout = Real("dropout", Model, 0.2, NumericDomain.Fraction,
        "dropout rate after the first hidden layer (every hidden layer with regularize_every_layer)",
        c => c.Dropout, (c, v) => c with { Dropout = v }) with
    {
        PerMember = true,
    };

    public static readonly ConfigField Hidden = Sizes("hidden", Model, [128, 64, 32], NumericDomain.WholeBetween(1, 16_384), 16,
        "hidden layer sizes", c => c.Hidden, (c, v) => c with { Hidden = v });

    public static readonly ConfigField ActivationsField = Names("activations", Model, Activations, ["relu", "gelu", "tanh"],
        "one activation per hidden layer, or one for all", c => c.Activations, (c, v) => c with { Activations = v }) with
    {
        Label = "act",
    };

    public static readonly ConfigField BatchNorm = Flag("batch_norm", Model, true, "BatchNorm after the first hidden layer",
        c => c.BatchNorm, (c, v) => c with { BatchNorm = v }) with
    {
        Label = "bn",
    };

    public static readonly ConfigField RegularizeEveryLayer = Flag("regularize_every_layer", Model, false,
        "BatchNorm and dropout after every hidden layer, not only the first",
        c => c.RegularizeEveryLayer, (c, v) => c with { RegularizeEveryLayer = v }) with
    {
        Label = "reg_all",
    };

    public static readonly ConfigField Momentum = Real("momentum", Training, 0, NumericDomain.Fraction, "momentum of sgd and rmsprop",
        c => c.Momentum, (c, v) => c with { Momentum = v }) with
    {
        PerMember = true,
    };

    public static readonly ConfigField Nesterov = Flag("nesterov", Training, false, "Nesterov momentum (sgd with momentum above 0)",
        c => c.Nesterov, (c, v) => c with { Nesterov = v });

    public static readonly ConfigField WeightDecay = Real("weight_decay", Training, 0, NumericDomain.NonNegative, "L2 weight decay",
        c => c.WeightDecay, (c, v) => c with { WeightDecay = v }) with
    {
        PerMember = true,
        Label = "wd",
    };

    public static readonly ConfigField Beta1 = Real("beta1", Training, 0.9, NumericDomain.Fraction,
        "Adam's decay rate of the gradient's running mean (adam only)", c => c.Beta1, (c, v) => c with { Beta1 = v }) with
    {
        PerMember = true,
        InIdAtDefault = false,
    };

    public static readonly ConfigField Beta2 = Real("beta2", Training, 0.999, NumericDomain.Fraction,
        "Adam's decay rate of the squared gradient's running mean (adam only)", c => c.Beta2, (c, v) => c with { Beta2 = v }) with
    {
        PerMember = true,
        InIdAtDefault = false,
    };

    public static readonly ConfigField Eps = Real("eps", Training, 1e-8, new NumericDomain(0, false, 1, true, "a number above 0 and at most 1"),
        "the term added to the denominator for numerical stability (adam and rmsprop)", c => c.Eps, (c, v) => c with { Eps = v }) with
    {
        PerMember = true,
        InIdAtDefault = false,
    };

    public static readonly ConfigField LrSchedule = Choice("lr_schedule", Training, LrSchedules, "constant",
        "how the learning rate changes per epoch: constant, step (lr_step_size, lr_gamma) or cosine (down to min_learning_rate)",
        c => c.LrSchedule, (c, v) => c with { LrSchedule = v }) with
    {
        PerMember = true,
        Label = "sched",
    };

    public static readonly ConfigField LrStepSize = Integer("lr_step_size", Training, 10, NumericDomain.WholeBetween(1, 100_000),
        "epochs between steps of the step schedule", c => c.LrStepSize, (c, v) => c with { LrStepSize = v }) with
    {
        PerMember = true,
        Label = "step",
    };

    public static readonly ConfigField LrGamma = Real("lr_gamma", Training, 0.1, NumericDomain.UpToOne, "factor of the step schedule",
        c => c.LrGamma, (c, v) => c with { LrGamma = v }) with
    {
        PerMember = true,
        Label = "gamma",
    };

    public static readonly ConfigField MinLearningRate = Real("min_learning_rate", Training, 0, NumericDomain.NonNegative,
        "where the cosine schedule ends; at most the learning rate", c => c.MinLearningRate, (c, v) => c with { MinLearningRate = v }) with
    {
        PerMember = true,
        Label = "min_lr",
    };

    public static readonly ConfigField LabelSmoothing = Real("label_smoothing", Training, 0, NumericDomain.Fraction,
        "share of the target probability spread evenly over all classes in the loss", c => c.LabelSmoothing, (c, v) => c with { LabelSmoothing = v }) with
    {
        Label = "smoothing",
        InIdAtDefault = false,
    };

    public static readonly ConfigField Epochs = Integer("epochs", Training, 10, NumericDomain.WholeBetween(1, 10_000), "training epochs",
        c => c.Epochs, (c, v) => c with { Epochs = v });

    public static readonly ConfigField BatchSize = Integer("batch_size", Training, 128, NumericDomain.WholeBetween(1, 65_536), "mini-batch size",
        c => c.BatchSize, (c, v) => c with { BatchSize = v }) with
    {
        Label = "batch",
    };

    public static readonly ConfigField Seed = Whole("seed", Training, 42, "seeds the weights, dropout masks and batch order",
        c => c.Seed, (c, v) => c with { Seed = v }) with
    {
        PerMember = true,
    };

    public static readonly ConfigField SplitSeed = Whole("split_seed", Data, 42, "seeds the validation split; shared by every trial of a sweep",
        c => c.SplitSeed, (c, v) => c with { SplitSeed = v }) with
    {
        Sweepable = false,
    };

    public static readonly ConfigField Dataset = new ConfigField("dataset", Data, ParameterValueKind.Text, ParameterValue.OfText("fashion-mnist"),
        "fashion-mnist, cifar10, or any name with a path", c => ParameterValue.OfText(c.DatasetName), (c, v) => c with { DatasetName = v!.Text })
    {
        SpecKey = "name",
        Sweepable = false,
    };

    public static readonly ConfigField DatasetPath = new ConfigField("dataset_path", Data, ParameterValueKind.Text, null,
        "a folder holding the dataset's files (IDX files or CIFAR-10 binary batches); none: the dataset's usual place",
        c => c.DatasetPath is { } path ? ParameterValue.OfText(path) : null, (c, v) => c with { DatasetPath = v?.Text })
    {
        SpecKey = "path",
        Label = "path",
        Optional = true,
        Sweepable = false,
    };

    public static readonly ConfigField ValidationSplit = Real("validation_split", Data, 0.1, NumericDomain.Fraction,
        "share of the training set held out for validation", c => c.ValidationSplit, (c, v) => c with { ValidationSplit = v }) with
    {
        Label = "val_split",
        Sweepable = false,
    };

    public static readonly ConfigField Normalization = Choice("normalization", Data, Normalizations, "minus_one_to_one",
        "pixels to [-1, 1] (minus_one_to_one), or standardize per channel", c => c.Normalization, (c, v) => c with { Normalization = v }) with
    {
        Label = "norm",
        Sweepable = false,
    };

    public static readonly ConfigField TrainLimit = OptionalInteger("train_limit", Data, NumericDomain.WholeAtLeast(2),
        "use only the first N training images (before the split)", c => c.TrainLimit, (c, v) => c with { TrainLimit = v });

    public static readonly ConfigField TestLimit = OptionalInteger("test_limit", Data, NumericDomain.WholeAtLeast(1),
        "use only the first N test images", c => c.TestLimit, (c, v) => c with { TestLimit = v });

    /// <summary>Every field, in the order a spec's sections list them (dataset, model, training).</summary>
    public static readonly IReadOnlyList<ConfigField> All =
    [
        Dataset, DatasetPath, ValidationSplit, Normalization, TrainLimit, TestLimit, SplitSeed,
        Hidden, ActivationsField, BatchNorm, Dropout, RegularizeEveryLayer,
        Optimizer, LearningRate, Momentum, Nesterov, WeightDecay, Beta1, Beta2, Eps, LrSchedule, LrStepSize, LrGamma, MinLearningRate,
        LabelSmoothing, Epochs, BatchSize, Seed,
    ];

    /// <summary>Every field in the order results show them (leaderboard columns, the best configuration): what was tried first.
    /// A test checks that it holds each field of <see cref="All"/> once.</summary>
    public static readonly IReadOnlyList<ConfigField> InReadingOrder =
    [
        Optimizer, LearningRate, Dropout, Hidden, ActivationsField, BatchNorm, RegularizeEveryLayer, Momentum, Nesterov, WeightDecay,
        Beta1, Beta2, Eps, LrSchedule, LrStepSize, LrGamma, MinLearningRate, LabelSmoothing, Epochs, BatchSize, Seed, SplitSeed,
        Dataset, DatasetPath, ValidationSplit, Normalization, TrainLimit, TestLimit,
    ];

    /// <summary>Rules that span several fields, checked wherever a configuration is accepted (the spec, <c>train</c>, the silo).</summary>
    public static readonly IReadOnlyList<ConfigRule> Rules =
    [
        new(Nesterov, [Optimizer, Momentum], c => !c.Nesterov || (c.Optimizer == "sgd" && c.Momentum > 0),
            "nesterov needs optimizer sgd with momentum above 0", "nesterov: false, or optimizer sgd with momentum above 0"),
        new(MinLearningRate, [LearningRate], c => c.MinLearningRate <= c.LearningRate,
            "min_learning_rate exceeds learning_rate", "a min_learning_rate of at most the learning rate"),
        new(ActivationsField, [Hidden], c => c.Activations.Count == 1 || c.Activations.Count == c.Hidden.Count,
            "the activations do not match the hidden layers", "one activation per hidden layer, or one for all"),
    ];

    /// <summary>Why a trial of this configuration cannot report <paramref name="metric"/>: val_* metrics need a validation set.</summary>
    public static ConfigProblem? MetricProblem(TrialConfig config, string metric)
    {
        ArgumentNullException.ThrowIfNull(config);
        return metric.StartsWith("val_", StringComparison.Ordinal) && config.ValidationSplit == 0
            ? new ConfigProblem(ValidationSplit, $"validation_split 0 holds no images out for validation, so no trial reports {metric}",
                $"a validation_split above 0 (e.g. 0.1), or a test_* metric such as {metric.Replace("val_", "test_", StringComparison.Ordinal)}")
            : null;
    }

    public static ConfigField? Find(string name) => All.FirstOrDefault(f => f.Name == name);

    /// <summary>The fields a spec section holds, in the order the section lists them.</summary>
    public static IReadOnlyList<ConfigField> In(ConfigSection section) => All.Where(f => f.Section == section).ToList();

    /// <summary>The fields that may be swept under <c>parameters</c>.</summary>
    public static IReadOnlyList<ConfigField> Sweepable { get; } = All.Where(f => f.Sweepable).ToList();

    /// <summary>The seed experiment's learning rate for each optimizer: sgd 0.04, adam and rmsprop 0.001.</summary>
    public static double DefaultLearningRate(string optimizer) => optimizer == "sgd" ? 0.04 : 0.001;

    /// <summary>
    /// One "key=value" line per field, keys in ordinal order, numbers in invariant round-trip form: the text a trial id is
    /// hashed from, so it must never depend on culture or declaration order.
    /// </summary>
    public static string CanonicalText(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var text = new System.Text.StringBuilder("sweepgrid.trial.v1\n");
        foreach (var field in All.Where(f => f.InIdAtDefault || !f.IsDefault(config)).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            text.Append(field.Name).Append('=').Append(field.CanonicalValue(config)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// What trials must share to train fused in one bundle: every field that is not <see cref="ConfigField.PerMember"/>, as
    /// canonical text. Two configurations with equal keys differ only in values each member of a bundle keeps for itself.
    /// </summary>
    public static string BundleKey(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var text = new System.Text.StringBuilder("sweepgrid.bundle.v1\n");
        foreach (var field in All.Where(f => !f.PerMember).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            text.Append(field.Name).Append('=').Append(field.CanonicalValue(config)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>What is wrong with a configuration: each field against its domain, then the rules across fields.</summary>
    public static IReadOnlyList<ConfigProblem> Problems(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = All.Select(f => f.Problem(f.Get(config)) is { } problem ? new ConfigProblem(f, problem, f.Allowed) : null).OfType<ConfigProblem>().ToList();
        if (problems.Count == 0)
        {
            problems.AddRange(Rules.Where(r => !r.Holds(config)).Select(r => new ConfigProblem(r.Field, r.Describe(config), r.Allowed)));
        }

        return problems;
    }

    private static ConfigField Real(string name, ConfigSection section, double defaultValue, NumericDomain domain, string help,
        Func<TrialConfig, double> get, Func<TrialConfig, double, TrialConfig> set) =>
        new(name, section, ParameterValueKind.Real, ParameterValue.OfReal(defaultValue), help, c => ParameterValue.OfReal(get(c)), (c, v) => set(c, v!.Real)) { Domain = domain };

    private static ConfigField Integer(string name, ConfigSection section, int defaultValue, NumericDomain domain, string help,
        Func<TrialConfig, int> get, Func<TrialConfig, int, TrialConfig> set) =>
        new(name, section, ParameterValueKind.Integer, ParameterValue.OfInteger(defaultValue), help, c => ParameterValue.OfInteger(get(c)),
            (c, v) => set(c, checked((int)v!.Integer)))
        { Domain = domain };

    private static ConfigField Whole(string name, ConfigSection section, long defaultValue, string help,
        Func<TrialConfig, long> get, Func<TrialConfig, long, TrialConfig> set) =>
        new(name, section, ParameterValueKind.Integer, ParameterValue.OfInteger(defaultValue), help, c => ParameterValue.OfInteger(get(c)),
            (c, v) => set(c, v!.Integer))
        { Domain = NumericDomain.AnyWhole };

    private static ConfigField OptionalInteger(string name, ConfigSection section, NumericDomain domain, string help,
        Func<TrialConfig, int?> get, Func<TrialConfig, int?, TrialConfig> set) =>
        new(name, section, ParameterValueKind.Integer, null, help, c => get(c) is { } n ? ParameterValue.OfInteger(n) : null,
            (c, v) => set(c, v is null ? null : checked((int)v.Integer)))
        {
            Domain = domain,
            Optional = true,
            Sweepable = false,
        };

    private static ConfigField Flag(string name, ConfigSection section, bool defaultValue, string help,
        Func<TrialConfig, bool> get, Func<TrialConfig, bool, TrialConfig> set) =>
        new(name, section, ParameterValueKind.Flag, ParameterValue.OfFlag(defaultValue), help, c => ParameterValue.OfFlag(get(c)), (c, v) => set(c, v!.Flag));

    private static ConfigField Choice(string name, ConfigSection section, IReadOnlyList<string> choices, string defaultValue, string help,
        Func<TrialConfig, string> get, Func<TrialConfig, string, TrialConfig> set) =>
        new(name, section, ParameterValueKind.Choice, ParameterValue.OfChoice(defaultValue), help, c => ParameterValue.OfChoice(get(c)), (c, v) => set(c, v!.Choice))
        {
            Choices = choices,
        };

    private static ConfigField Sizes(string name, ConfigSection section, IReadOnlyList<int> defaultValue, NumericDomain domain, int maxItems, string help,
        Func<TrialConfig, IReadOnlyList<int>> get, Func<TrialConfig, IReadOnlyList<int>, TrialConfig> set) =>
        new(name, section, ParameterValueKind.Sizes, ParameterValue.OfSizes(defaultValue), help, c => ParameterValue.OfSizes(get(c)), (c, v) => set(c, v!.Sizes))
        {
            Domain = domain,
            MaxItems = maxItems,
        };

    private static ConfigField Names(string name, ConfigSection section, IReadOnlyList<string> choices, IReadOnlyList<string> defaultValue, string help,
        Func<TrialConfig, IReadOnlyList<string>> get, Func<TrialConfig, IReadOnlyList<string>, TrialConfig> set) =>
        new(name, section, ParameterValueKind.Names, ParameterValue.OfNames(defaultValue), help, c => ParameterValue.OfNames(get(c)), (c, v) => set(c, v!.Names))
        {
            Choices = choices,
            MaxItems = 16,
        };
}
