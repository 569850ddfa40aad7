namespace SweepGrid.Contracts.Specs;

/// <summary>Which early-stopping policy a sweep's <c>early_terminate</c> names.</summary>
public enum EarlyStopType
{
    /// <summary>Asynchronous successive halving: rungs at min_iter · eta^k epochs.</summary>
    Asha,
    /// <summary>ASHA over several brackets, bracket s starting its rungs at min_iter · eta^s (asynchronous Hyperband).</summary>
    Hyperband,
    /// <summary>Stop a trial whose best so far is below the median of completed trials at the same epoch.</summary>
    Median,
}

/// <summary>What ASHA does at a rung: pause there until promoted (the paper's algorithm), or stop or go on at once.</summary>
public enum RungMode
{
    Promote,
    Stop,
}

/// <summary>A sweep's <c>early_terminate</c>, with the names W&amp;B users know.</summary>
public sealed record EarlyStopSpec
{
    public required EarlyStopType Type { get; init; }

    /// <summary>The first rung (ASHA, Hyperband) or the first epoch a trial may be stopped at (median).</summary>
    public int MinIter { get; init; } = 1;

    /// <summary>The reduction factor: a rung keeps its top 1/eta.</summary>
    public int Eta { get; init; } = 3;

    /// <summary>Hyperband's brackets; 1 for ASHA.</summary>
    public int Brackets { get; init; } = 1;

    public RungMode Mode { get; init; } = RungMode.Promote;

    /// <summary>Canonical text, part of the sweep's id.</summary>
    public override string ToString() => Type switch
    {
        EarlyStopType.Median => $"median min_iter {MinIter}",
        _ => $"{Type.ToString().ToLowerInvariant()} min_iter {MinIter} eta {Eta} brackets {Brackets} mode {Mode.ToString().ToLowerInvariant()}",
    };
}
