using SweepGrid.Contracts.Trials;

namespace SweepGrid.Silo.Workers;

public sealed record ExecutionResult(ExecutionOutcome Outcome, string? Reason, TrialMetrics? Metrics, int ResumedFromEpoch);
