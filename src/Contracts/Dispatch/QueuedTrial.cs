using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Dispatch;

/// <summary>A trial waiting for a worker, with what its attempt needs to know of its sweep (<paramref name="Judged"/>: its
/// epochs are judged by the sweep's early stopping).</summary>
[GenerateSerializer]
[Immutable]
public sealed record QueuedTrial(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string TrialId,
    [property: Id(2)] TrialConfig Config,
    [property: Id(3)] int MaxRetries,
    [property: Id(4)] string? TraceParent,
    [property: Id(5)] bool Judged = false);
