using SweepGrid.Contracts.Trials;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Silo.Workers;

/// <summary>How an attempt ended; History holds every epoch of the trial so far, those before a resume included.</summary>
public sealed record ExecutionResult(TrialOutcome Outcome, string? Reason, TrialMetrics? Metrics, int ResumedFromEpoch, IReadOnlyList<EpochMetrics> History,
    string? CheckpointPath = null)
{
    /// <summary>Checkpoints of earlier attempts found but not resumed from (damaged, of another configuration), each with why.</summary>
    public IReadOnlyList<string> PassedOverCheckpoints { get; init; } = [];
}
