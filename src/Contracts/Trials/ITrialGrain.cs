using SweepGrid.Contracts.Dispatch;

namespace SweepGrid.Contracts.Trials;

/// <summary>
/// One trial: Pending → Running → Completed | Diverged | Failed | Cancelled. The grain is the arbiter of
/// attempts: only the current attempt may report or finish, so every configuration completes exactly once.
/// </summary>
public interface ITrialGrain : IGrainWithStringKey
{
    /// <summary>Starts a new attempt for a worker; null when the trial is finished or cancelled and must not run.</summary>
    Task<TrialLease?> Start(QueuedTrial trial, WorkerInfo worker);

    /// <summary>Records an epoch of the given attempt; answers whether to go on (a stale attempt or a cancelled trial is told to stop).</summary>
    Task<EpochAnswer> ReportEpoch(int attempt, EpochMetrics epoch);

    /// <summary>Finishes the trial with its metrics and, when the worker has it, the whole epoch history
    /// (epoch reports are persisted lazily; this makes the final record complete), where its final weights are, and
    /// how many epochs the attempt took from an earlier attempt's checkpoint.</summary>
    Task Complete(int attempt, TrialMetrics metrics, IReadOnlyList<EpochMetrics>? history = null, string? checkpointPath = null, int resumedAfterEpoch = 0);

    Task Diverge(int attempt, string reason);

    /// <summary>The attempt ended without finishing: handed back (no penalty), crashed, or its lease expired.
    /// Answers whether the trial goes back to the queue.</summary>
    Task<bool> EndAttempt(int attempt, AttemptEnd end, string reason);

    /// <summary>Cancels a pending trial at once, a running one at its next epoch report.</summary>
    Task Cancel();

    /// <summary>A failed trial goes back to pending with a fresh retry budget (<c>--retry-failed</c>); answers whether it had failed.</summary>
    Task<bool> Retry();

    Task<TrialSnapshot> GetSnapshot();

    /// <summary>A paused trial that was never promoted ends, pruned at the epoch it paused at (its sweep has nothing left to run).</summary>
    Task Prune(string reason);

    /// <summary>Its sweep's early stopping ends the attempt after the epoch it last reported: paused at a rung, or pruned.
    /// Answers whether the attempt was the trial's current one (or had been stopped so already).</summary>
    Task<bool> StopEarly(int attempt, bool pause, string reason);

    /// <summary>Activates the grain (reading its state) ahead of its Start, off the worker's critical path.</summary>
    [Orleans.Concurrency.OneWay]
    Task Prepare();
}
