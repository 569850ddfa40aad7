namespace SweepGrid.Contracts.Sweeps;

[GenerateSerializer]
public enum SweepEventKind
{
    /// <summary>Where every trial stands; sent first to a watcher whose last sequence number is no longer held.</summary>
    Snapshot,
    TrialStarted,
    EpochReported,
    TrialFinished,
    TrialRequeued,
    SweepFinished,
    /// <summary>A trial stopped at a rung until it is promoted (its status says Paused).</summary>
    TrialPaused,
}
