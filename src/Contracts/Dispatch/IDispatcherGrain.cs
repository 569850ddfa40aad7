namespace SweepGrid.Contracts.Dispatch;

/// <summary>
/// Hands out trial leases across all active sweeps, round-robin between sweeps and within each sweep's
/// max_concurrent_trials. Workers pull: Acquire waits (without polling) until work arrives or maxWait passes.
/// Leases not renewed within their timeout are ended as expired and their trials requeued.
/// </summary>
public interface IDispatcherGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    Task Submit(SweepWork work);

    [Orleans.Concurrency.AlwaysInterleave]
    Task<TrialLease?> Acquire(WorkerInfo worker, TimeSpan maxWait);

    /// <summary>
    /// Leases for up to <paramref name="maxMembers"/> trials of one sweep that can train fused on the worker's device: their
    /// configurations have equal <see cref="Configuration.ConfigCatalog.BundleKey"/>, and together they stay within the sweep's
    /// max_concurrent_trials. Empty when no work came within <paramref name="maxWait"/>. Acquire is a bundle of one.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<TrialLease>> AcquireBundle(WorkerInfo worker, int maxMembers, TimeSpan maxWait);

    /// <summary>Extends a lease; false when the dispatcher no longer holds it (the attempt was ended).</summary>
    Task<bool> Renew(string sweepId, string trialId, int attempt);

    /// <summary>The attempt is over (finished, or ended by the trial grain); requeue puts the trial back in line.</summary>
    Task Release(string sweepId, string trialId, int attempt, bool requeue);

    /// <summary>Drops a sweep's queued trials; returns their ids.</summary>
    Task<IReadOnlyList<string>> Withdraw(string sweepId);

    Task SweepFinished(string sweepId);

    Task<DispatcherStats> GetStats();
}
