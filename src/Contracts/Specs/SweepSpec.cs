namespace SweepGrid.Contracts.Specs;

/// <summary>A validated sweep: what every trial shares (the sections) and what varies (the parameters).</summary>
public sealed record SweepSpec
{
    public required string Name { get; init; }

    public DatasetSection Dataset { get; init; } = new();

    public ModelSection Model { get; init; } = new();

    public TrainingSection Training { get; init; } = new();

    public SearchMethod Method { get; init; } = SearchMethod.Grid;

    /// <summary>How many trials random search samples; null for grid search.</summary>
    public int? Count { get; init; }

    /// <summary>Seeds random search's sampler (not the trials' own training seed).</summary>
    public long SamplerSeed { get; init; }

    public MetricSpec Metric { get; init; } = new();

    /// <summary>In the order written in the spec, which is the grid's order.</summary>
    public IReadOnlyList<ParameterSpec> Parameters { get; init; } = [];

    /// <summary>null: as many trials at once as there are free slots.</summary>
    public int? MaxConcurrentTrials { get; init; }

    public int MaxRetries { get; init; } = 2;
}
