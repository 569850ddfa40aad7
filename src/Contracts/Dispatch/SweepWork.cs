namespace SweepGrid.Contracts.Dispatch;

/// <summary>What a sweep hands the dispatcher: its queued trials and the attempts already running.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SweepWork(
    [property: Id(0)] string SweepId,
    [property: Id(1)] int MaxConcurrentTrials,
    [property: Id(2)] IReadOnlyList<QueuedTrial> Queued,
    [property: Id(3)] IReadOnlyList<RunningAttempt> Running);
