namespace SweepGrid.Contracts.Specs;

/// <summary>One swept parameter: its name (a model or training field) and how its value is chosen.</summary>
public sealed record ParameterSpec
{
    public required string Name { get; init; }

    public required ParameterSampling Sampling { get; init; }

    /// <summary>The candidates for Values, the single value for Fixed, empty for a distribution.</summary>
    public IReadOnlyList<ParameterValue> Values { get; init; } = [];

    /// <summary>Lower bound of a distribution.</summary>
    public double Min { get; init; }

    /// <summary>Upper bound of a distribution: exclusive for uniform and log_uniform, inclusive for int_uniform.</summary>
    public double Max { get; init; }

    public bool IsDistribution => Sampling is ParameterSampling.Uniform or ParameterSampling.LogUniform or ParameterSampling.IntUniform;
}
