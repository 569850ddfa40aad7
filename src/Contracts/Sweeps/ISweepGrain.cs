using SweepGrid.Contracts.Dispatch;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Sweeps;

/// <summary>One sweep, keyed by its id (<see cref="SweepIds"/>): expands the search space, tracks its trials, streams events.</summary>
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Launches the sweep; launching it again changes nothing and returns its status.</summary>
    Task<SweepStatus> Launch(SweepLaunch launch);

    Task<SweepStatus> GetStatus();

    /// <summary>The spec as it was launched (empty before launch).</summary>
    Task<string> GetSpec();

    /// <summary>Every trial as its grain holds it, ordered by trial id.</summary>
    Task<IReadOnlyList<TrialSnapshot>> GetTrials();

    Task<SweepStatus> Cancel();

    /// <summary>Queues the sweep's failed trials again, each with a fresh retry budget; a finished sweep runs again for them.</summary>
    Task<SweepStatus> RetryFailed();

    /// <summary>Events after the given sequence number, then live ones until the sweep ends or the caller stops.</summary>
    IAsyncEnumerable<SweepEvent> Watch(long afterSequence, CancellationToken cancellation = default);

    [Orleans.Concurrency.OneWay]
    Task OnTrialEvent(SweepTrialEvent trialEvent);

    /// <summary>The dispatcher saw these trials end (or refuse to start): any the sweep still thinks open are read from their grains,
    /// since the one-way event that would have told it may have been lost.</summary>
    Task Confirm(IReadOnlyList<string> trialIds);

    /// <summary>The work still to do, for a dispatcher that lost its memory (<paramref name="reconcile"/>: read every trial grain
    /// first) or checks its queues now and then (the sweep's own view of its trials, which their events keep current).</summary>
    Task<SweepWork?> Resync(bool reconcile = true);

    /// <summary>
    /// The sweep's early stopping judges a trial's epoch: go on, stop (pruned) or pause at a rung. The decision is stored
    /// before it is answered, and asked again (a lost answer, a resumed attempt) it is answered the same.
    /// </summary>
    Task<Scheduling.EpochVerdict> Judge(string trialId, int attempt, EpochMetrics epoch);
}
