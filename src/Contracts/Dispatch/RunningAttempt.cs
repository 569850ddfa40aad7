namespace SweepGrid.Contracts.Dispatch;

[GenerateSerializer]
[Immutable]
public sealed record RunningAttempt([property: Id(0)] string TrialId, [property: Id(1)] int Attempt, [property: Id(2)] QueuedTrial Trial);
