namespace SweepGrid.Contracts.Specs;

/// <summary>The names a spec may use, in the order shown to a user who got one wrong.</summary>
public static class SpecVocabulary
{
    public static readonly IReadOnlyList<string> Optimizers = ["sgd", "adam", "rmsprop"];

    public static readonly IReadOnlyList<string> Activations = ["relu", "gelu", "tanh", "sigmoid", "leaky_relu", "elu", "silu"];

    public static readonly IReadOnlyList<string> LrSchedules = ["constant", "step", "cosine"];

    public static readonly IReadOnlyList<string> Metrics = ["val_accuracy", "val_loss", "val_macro_f1", "test_accuracy", "test_macro_f1"];

    public static readonly IReadOnlyList<string> Goals = ["maximize", "minimize"];

    public static readonly IReadOnlyList<string> Methods = ["grid", "random"];

    public static readonly IReadOnlyList<string> Distributions = ["uniform", "log_uniform", "int_uniform"];

    /// <summary>Datasets found without a path; any other name needs one.</summary>
    public static readonly IReadOnlyList<string> KnownDatasets = ["fashion-mnist", "cifar10"];

    public static readonly IReadOnlyList<string> Normalizations = ["minus_one_to_one", "standardize"];

    /// <summary>Every field that may be swept: the model section's fields, then the training section's.</summary>
    public static readonly IReadOnlyList<string> ModelFields = ["hidden", "activations", "batch_norm", "dropout", "regularize_every_layer"];

    public static readonly IReadOnlyList<string> TrainingFields =
    [
        "optimizer", "learning_rate", "momentum", "nesterov", "weight_decay", "lr_schedule", "lr_step_size", "lr_gamma",
        "min_learning_rate", "epochs", "batch_size", "seed",
    ];

    public static readonly IReadOnlyList<string> ParameterNames = [.. ModelFields, .. TrainingFields];

    public static readonly IReadOnlyList<string> TopLevelKeys =
    [
        "name", "dataset", "model", "training", "method", "count", "seed", "metric", "parameters", "max_concurrent_trials", "max_retries",
    ];

    public static readonly IReadOnlyList<string> DatasetKeys = ["name", "path", "validation_split", "normalization", "train_limit", "test_limit", "split_seed"];

    public static readonly IReadOnlyList<string> MetricKeys = ["name", "goal"];

    public static readonly IReadOnlyList<string> ParameterKeys = ["values", "value", "distribution", "min", "max"];
}
