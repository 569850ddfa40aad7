using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Specs;

/// <summary>The names a spec may use, in the order shown to a user who got one wrong; the configuration fields come from <see cref="ConfigCatalog"/>.</summary>
public static class SpecVocabulary
{
    public static readonly IReadOnlyList<string> Metrics = TrialMetrics.Names;

    public static readonly IReadOnlyList<string> Goals = ["maximize", "minimize"];

    public static readonly IReadOnlyList<string> Methods = ["grid", "random", "tpe", "bayes"];

    public static readonly IReadOnlyList<string> Distributions = ["uniform", "log_uniform", "int_uniform"];

    /// <summary>Every field that may be swept: the model section's fields, then the training section's.</summary>
    public static readonly IReadOnlyList<string> ParameterNames = [.. ConfigCatalog.Sweepable.Select(f => f.Name)];

    public static readonly IReadOnlyList<string> TopLevelKeys =
    [
        "name", "dataset", "model", "training", "method", "count", "seed", "metric", "parameters", "max_concurrent_trials", "max_retries",
        "early_terminate",
    ];

    public static readonly IReadOnlyList<string> EarlyTerminateKeys = ["type", "min_iter", "eta", "brackets", "mode"];

    public static readonly IReadOnlyList<string> EarlyTerminateTypes = ["asha", "hyperband", "median"];

    public static readonly IReadOnlyList<string> RungModes = ["promote", "stop"];

    public static readonly IReadOnlyList<string> MetricKeys = ["name", "goal"];

    public static readonly IReadOnlyList<string> ParameterKeys = ["values", "value", "distribution", "min", "max"];

    /// <summary>The keys of a section: the spec keys of its fields.</summary>
    public static IReadOnlyList<string> KeysOf(ConfigSection section) => [.. ConfigCatalog.In(section).Select(f => f.SpecKey)];
}
