namespace SweepGrid.Contracts.Dispatch;

[GenerateSerializer]
public sealed record RunningAttempt([property: Id(0)] string TrialId, [property: Id(1)] int Attempt, [property: Id(2)] QueuedTrial Trial);
