namespace SweepGrid.Contracts.Specs;

/// <summary>How a parameter's value is chosen for each trial.</summary>
public enum ParameterSampling
{
    /// <summary>{values: [...]}: each value in turn (grid), or one at random (random).</summary>
    Values,

    /// <summary>{value: x}: the same value for every trial.</summary>
    Fixed,

    /// <summary>{distribution: uniform, min, max}: a real number in [min, max).</summary>
    Uniform,

    /// <summary>{distribution: log_uniform, min, max}: a real number in [min, max), uniform in its logarithm.</summary>
    LogUniform,

    /// <summary>{distribution: int_uniform, min, max}: a whole number in [min, max].</summary>
    IntUniform,
}
