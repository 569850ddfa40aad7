using SweepGrid.Trainer.Metrics;

namespace SweepGrid.Trainer.Runner;

public sealed record TrialResult(
    TrialOutcome Outcome,
    string? Reason,
    int EpochsCompleted,
    int ResumedFromEpoch,
    IReadOnlyList<EpochReport> History,
    Evaluation? Validation,
    Evaluation? Test,
    double SamplesPerSecond,
    double DurationSeconds,
    IReadOnlyList<string> ClassNames)
{
    /// <summary>Checkpoints found but not resumed from (damaged, of another configuration), each with why.</summary>
    public IReadOnlyList<string> PassedOverCheckpoints { get; init; } = [];
}
