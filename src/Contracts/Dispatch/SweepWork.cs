namespace SweepGrid.Contracts.Dispatch;

/// <summary>What a sweep hands the dispatcher: its queued trials, the attempts already running, and trials promoted by its
/// early stopping, which go to the front of its queue (a free slot resumes them before it starts a new configuration).</summary>
[GenerateSerializer]
[Immutable]
public sealed record SweepWork(
    [property: Id(0)] string SweepId,
    [property: Id(1)] int MaxConcurrentTrials,
    [property: Id(2)] IReadOnlyList<QueuedTrial> Queued,
    [property: Id(3)] IReadOnlyList<RunningAttempt> Running,
    [property: Id(4)] IReadOnlyList<QueuedTrial>? Promoted = null);
