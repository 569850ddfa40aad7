using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Specs;

/// <summary>A validated sweep: what every trial shares (its base configuration) and what varies (the parameters).</summary>
public sealed record SweepSpec
{
    public required string Name { get; init; }

    /// <summary>The defaults with the dataset, model and training sections applied: what every trial starts from.</summary>
    public TrialConfig Base { get; init; } = new();

    /// <summary>The fields the sections set, by name: a field not among them keeps its default, which may follow the
    /// trial's other values (learning_rate follows the optimizer).</summary>
    public IReadOnlySet<string> Fixed { get; init; } = new HashSet<string>();

    public SearchMethod Method { get; init; } = SearchMethod.Grid;

    /// <summary>How many trials random or tpe search runs; null for grid search.</summary>
    public int? Count { get; init; }

    /// <summary>Seeds random and tpe search's sampler (not the trials' own training seed).</summary>
    public long SamplerSeed { get; init; }

    public MetricSpec Metric { get; init; } = new();

    /// <summary>In the order written in the spec, which is the grid's order.</summary>
    public IReadOnlyList<ParameterSpec> Parameters { get; init; } = [];

    /// <summary>null: as many trials at once as there are free slots.</summary>
    public int? MaxConcurrentTrials { get; init; }

    public int MaxRetries { get; init; } = 2;

    /// <summary>The early-stopping policy, or null: every trial trains to its last epoch.</summary>
    public EarlyStopSpec? EarlyTerminate { get; init; }
}
