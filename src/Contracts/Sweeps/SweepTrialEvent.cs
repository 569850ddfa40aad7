using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Sweeps;

/// <summary>What a trial grain tells its sweep.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SweepTrialEvent(
    [property: Id(0)] SweepEventKind Kind,
    [property: Id(1)] string TrialId,
    [property: Id(2)] int Attempt,
    [property: Id(3)] TrialStatus Status,
    [property: Id(4)] EpochMetrics? Epoch,
    [property: Id(5)] TrialMetrics? Metrics,
    [property: Id(6)] string? Silo,
    [property: Id(7)] string? Device,
    [property: Id(8)] string? Reason,
    [property: Id(9)] string? Bundle = null);
