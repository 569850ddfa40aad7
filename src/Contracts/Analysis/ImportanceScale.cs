namespace SweepGrid.Contracts.Analysis;

/// <summary>How a parameter's domain is laid out for importance: evenly, evenly in its logarithm, or as unordered choices.</summary>
public enum ImportanceScale
{
    Linear,
    Log,
    Categorical,
}
