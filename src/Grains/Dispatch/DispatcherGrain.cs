using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using SweepGrid.Contracts.Dispatch;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;
using SweepGrid.Grains.Trials;

namespace SweepGrid.Grains.Dispatch;

/// <summary>
/// Hands trial leases to pulling workers, round-robin across active sweeps within each sweep's
/// max_concurrent_trials. Reentrant: a worker's Acquire waits on a signal, not by polling, while other
/// calls go on. Expired leases are ended through the trial grain, which decides between requeue and failure.
/// While any sweep is active a reminder (durable in Redis on a cluster) wakes it to check its queues against the
/// trial grains, so what a failed call between silos lost is queued again, and so that after a crash of the whole
/// cluster it comes back, expiring the dead silos' leases, without waiting for a worker to call.
/// </summary>
[Reentrant]
public sealed class DispatcherGrain(
    [PersistentState("dispatcher", StorageNames.Default)] IPersistentState<DispatcherGrainState> dispatcher,
    IOptions<DispatcherOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    IClusterMembershipService membership,
    ILogger<DispatcherGrain> logger) : Grain, IDispatcherGrain, IRemindable
{
    private const string ResyncReminder = "resync";

    /// <summary>How long the dispatcher's own checks wait for one grain's answer before trying again later.</summary>
    private static readonly TimeSpan CallPatience = TimeSpan.FromSeconds(5);

    private readonly DispatcherOptions _options = options.Value;
    private readonly Dictionary<string, SweepQueue> _sweeps = new(StringComparer.Ordinal);
    private readonly List<string> _rotation = [];
    private readonly Dictionary<string, LeaseRecord> _leases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _granting = new(StringComparer.Ordinal);
    // Promoted while the attempt that paused them still holds its lease: queued once that lease ends.
    private readonly Dictionary<string, QueuedTrial> _promotedAfterLease = new(StringComparer.Ordinal);
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    // The slots pulling work, so that one bundle takes no more than its slot's share of a sweep.
    private readonly KnownWorkers _workers = new();

    // Trials seen to end (or to refuse a start), by sweep, for the sweeps to check against their views: the trial grains'
    // events are one-way, and a lost one would leave a sweep waiting for a trial that is long finished.
    private readonly Dictionary<string, HashSet<string>> _unconfirmed = new(StringComparer.Ordinal);
    private bool _confirming;
    private int _next;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(ExpireLeases, new GrainTimerCreationOptions(_options.ExpiryCheckInterval, _options.ExpiryCheckInterval) { KeepAlive = true, Interleave = true });
        if (dispatcher.State.ActiveSweeps.Count > 0)
        {
            // After activation completes: the sweeps may call back into this grain while they reconcile.
            this.RegisterGrainTimer(_ => ResyncSweeps(reconcile: true), new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true });
            // An in-memory reminder table (one machine) starts empty after a restart.
            await EnsureResyncReminder();
        }
    }

    private async Task EnsureResyncReminder()
    {
        try
        {
            await this.RegisterOrUpdateReminder(ResyncReminder, _options.ResyncInterval, _options.ResyncInterval);
        }
        catch (Exception e)
        {
            // Dispatching goes on without it; the next activation or sweep registers it again.
            logger.LogWarning(e, "Registering the dispatcher's resync reminder failed");
        }
    }

    private async Task DropResyncReminder()
    {
        try
        {
            if (await this.GetReminder(ResyncReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception e)
        {
            // A stray tick finds no active sweep and drops it then.
            logger.LogWarning(e, "Removing the dispatcher's resync reminder failed");
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ResyncReminder)
        {
            return;
        }

        if (dispatcher.State.ActiveSweeps.Count == 0)
        {
            await DropResyncReminder();
            return;
        }

        // The sweeps' own views: reading every trial grain each minute would keep a large sweep's trials all in memory.
        await ResyncSweeps(reconcile: false);
    }

    public async Task Submit(SweepWork work)
    {
        if (!_sweeps.TryGetValue(work.SweepId, out var queue))
        {
            queue = new SweepQueue(work.SweepId, work.MaxConcurrentTrials);
            _sweeps[work.SweepId] = queue;
            _rotation.Add(work.SweepId);
        }

        queue.MaxConcurrent = work.MaxConcurrentTrials;
        var now = clock.GetUtcNow();
        foreach (var running in work.Running)
        {
            var key = TrialGrainKey.For(work.SweepId, running.TrialId);
            if (!_leases.ContainsKey(key) && !_granting.Contains(key) && !queue.Contains(running.TrialId))
            {
                // Adopted: its worker may still be alive and renew it; if not, it expires and is requeued.
                _leases[key] = new LeaseRecord(running.Trial, running.Attempt, "unknown (adopted after a restart)") { Deadline = now + _options.LeaseTimeout };
                queue.Out++;
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    logger.LogDebug("Adopted trial {TrialKey} attempt {Attempt}", key, running.Attempt);
                }
            }
        }

        foreach (var trial in work.Queued)
        {
            var key = TrialGrainKey.For(work.SweepId, trial.TrialId);
            if (!_leases.ContainsKey(key) && !_granting.Contains(key))
            {
                queue.Add(trial);
            }
        }

        // Promoted by early stopping: the next free slot resumes them, ahead of the configurations not started yet. One whose
        // paused attempt has not handed its lease back yet (the pause was this very report's) is queued when it does.
        foreach (var trial in Enumerable.Reverse(work.Promoted ?? []))
        {
            var key = TrialGrainKey.For(work.SweepId, trial.TrialId);
            if (_leases.ContainsKey(key) || _granting.Contains(key))
            {
                _promotedAfterLease[key] = trial;
            }
            else
            {
                queue.Add(trial, front: true);
            }
        }

        if (dispatcher.State.ActiveSweeps.Add(work.SweepId))
        {
            await dispatcher.WriteStateAsync();
            if (dispatcher.State.ActiveSweeps.Count == 1)
            {
                await EnsureResyncReminder();
            }
        }

        Signal();
    }

    public async Task<TrialLease?> Acquire(WorkerInfo worker, TimeSpan maxWait) =>
        (await AcquireBundle(worker, 1, maxWait)).FirstOrDefault();

    public async Task<IReadOnlyList<TrialLease>> AcquireBundle(WorkerInfo worker, int maxMembers, TimeSpan maxWait)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMembers, 1);
        var deadline = clock.GetUtcNow() + maxWait;
        _workers.Seen(WorkerKey(worker), deadline + _options.LeaseTimeout);
        while (true)
        {
            if (TryTake(maxMembers) is { } bundle)
            {
                // Side by side: each member's trial grain decides its own start. The members of a bundle carry its label, for
                // the views: the first member's short id and how many train together.
                var member = bundle.Count > 1 ? worker with { Bundle = $"{bundle[0].TrialId[..Math.Min(8, bundle[0].TrialId.Length)]}×{bundle.Count}" } : worker;
                var starts = await Task.WhenAll(bundle.Select(queued => Start(queued, member)));
                var leases = starts.Select(s => s.Lease).OfType<TrialLease>().ToList();
                if (leases.Count == 0 && starts.Select(s => s.Error).OfType<Exception>().FirstOrDefault() is { } error)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
                }

                if (leases.Count == 0)
                {
                    continue;
                }

                var sweepId = bundle[0].SweepId;
                if (_sweeps.TryGetValue(sweepId, out var queue) && queue.Peek() is { } next)
                {
                    _ = GrainFactory.GetTrial(TrialGrainKey.For(next.SweepId, next.TrialId)).Prepare();
                }

                return leases;
            }

            var remaining = deadline - clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return [];
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var node = _waiters.AddLast(waiter);
            try
            {
                // A silo shutting down answers its waiting workers at once instead of holding its own stop.
                await waiter.Task.WaitAsync(remaining, clock, lifetime.ApplicationStopping);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                return [];
            }
            finally
            {
                if (node.List is not null)
                {
                    _waiters.Remove(node);
                }
            }
        }
    }

    /// <summary>Starts one taken trial's attempt; a trial whose grain refuses or cannot be reached is handed back, never lost.</summary>
    private async Task<(TrialLease? Lease, Exception? Error)> Start(QueuedTrial queued, WorkerInfo worker)
    {
        var key = TrialGrainKey.For(queued.SweepId, queued.TrialId);
        TrialLease? lease;
        _granting.Add(key);
        try
        {
            lease = await GrainFactory.GetTrial(key).Start(queued, worker);
        }
        catch (Exception e)
        {
            // The trial grain could not be reached (its silo died and is not yet declared dead, or storage is
            // down): the trial goes to the back of its queue rather than being lost. Had the start gone
            // through unanswered, the next start makes a new attempt and the unheard one is stale.
            logger.LogWarning(e, "Starting trial {TrialKey} for {Worker} failed; it goes back to the queue", key, worker.WorkerId);
            Returned(queued.SweepId);
            if (_sweeps.TryGetValue(queued.SweepId, out var back))
            {
                back.Add(queued);
            }

            return (null, e);
        }
        finally
        {
            _granting.Remove(key);
        }

        if (lease is null)
        {
            Returned(queued.SweepId);
            Unconfirmed(queued.SweepId, queued.TrialId);
            return (null, null);
        }

        _leases[lease.Key] = new LeaseRecord(queued, lease.Attempt, $"{worker.WorkerId} on {worker.Silo}", worker) { Deadline = clock.GetUtcNow() + _options.LeaseTimeout };
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("Granted trial {TrialKey} attempt {Attempt} to {Worker}", key, lease.Attempt, worker.WorkerId);
        }

        return (lease with { Timeout = _options.LeaseTimeout }, null);
    }

    public Task<bool> Renew(string sweepId, string trialId, int attempt)
    {
        if (!_leases.TryGetValue(TrialGrainKey.For(sweepId, trialId), out var lease))
        {
            // Not known: this dispatcher restarted and has not heard of the attempt yet; the trial grain judges it.
            return Task.FromResult(true);
        }

        if (lease.Attempt != attempt)
        {
            return Task.FromResult(false);
        }

        lease.Deadline = clock.GetUtcNow() + _options.LeaseTimeout;
        lease.Renewed = true;
        if (lease.Worker is { } worker)
        {
            _workers.Seen(WorkerKey(worker), lease.Deadline);
        }

        return Task.FromResult(true);
    }

    public Task Release(string sweepId, string trialId, int attempt, bool requeue)
    {
        var key = TrialGrainKey.For(sweepId, trialId);
        if (_leases.TryGetValue(key, out var lease) && lease.Attempt == attempt)
        {
            _leases.Remove(key);
            Returned(sweepId);
            if (requeue && _sweeps.TryGetValue(sweepId, out var queue))
            {
                queue.Add(lease.Trial, front: true);
            }

            QueuePromoted(key, sweepId);
            Signal();
        }

        if (!requeue)
        {
            Unconfirmed(sweepId, trialId);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> Withdraw(string sweepId) =>
        Task.FromResult(_sweeps.TryGetValue(sweepId, out var queue) ? queue.Clear() : (IReadOnlyList<string>)[]);

    public async Task SweepFinished(string sweepId)
    {
        if (_sweeps.Remove(sweepId, out var queue))
        {
            queue.Clear();
        }

        _rotation.Remove(sweepId);
        foreach (var key in _leases.Where(l => l.Value.Trial.SweepId == sweepId).Select(l => l.Key).ToList())
        {
            _leases.Remove(key);
            _promotedAfterLease.Remove(key);
        }

        _unconfirmed.Remove(sweepId);

        if (dispatcher.State.ActiveSweeps.Remove(sweepId))
        {
            await dispatcher.WriteStateAsync();
            if (dispatcher.State.ActiveSweeps.Count == 0)
            {
                await DropResyncReminder();
            }
        }
    }

    public Task<DispatcherStats> GetStats() => Task.FromResult(new DispatcherStats(
        _sweeps.Values.Sum(q => q.Waiting), _leases.Count, _waiters.Count, _sweeps.Count));

    private IReadOnlyList<QueuedTrial>? TryTake(int maxMembers)
    {
        for (var i = 0; i < _rotation.Count; i++)
        {
            var index = (_next + i) % _rotation.Count;
            var queue = _sweeps[_rotation[index]];
            if (queue.CanGrant)
            {
                _next = (index + 1) % _rotation.Count;
                return queue.TakeBundle(BundleShare.Members(maxMembers, queue.Waiting, _workers.Count(clock.GetUtcNow())));
            }
        }

        return null;
    }

    private static string WorkerKey(WorkerInfo worker) => $"{worker.Silo}/{worker.WorkerId}";

    private void Returned(string sweepId)
    {
        if (_sweeps.TryGetValue(sweepId, out var queue))
        {
            queue.Out = Math.Max(0, queue.Out - 1);
        }
    }

    private void Signal()
    {
        // Wake as many waiting workers as there may be work for; each rechecks the queues.
        var available = _sweeps.Values.Sum(q => Math.Min(q.Waiting, Math.Max(0, q.MaxConcurrent - q.Out)));
        while (available-- > 0 && _waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            first.Value.TrySetResult();
        }
    }

    private async Task ExpireLeases(CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var expired = _leases.Where(l => l.Value.Deadline <= now).ToList();
        // Side by side and each with a time limit: a trial grain on a silo that just died answers only when the cluster has
        // declared it dead, and it must not hold up every other expiry (or the next check) until then.
        await Task.WhenAll(expired.Select(l => Expire(l.Key, l.Value)));
        if (expired.Count > 0)
        {
            Signal();
        }

        // Not awaited: the next expiry check must not wait for a sweep that is slow to answer.
        _ = ConfirmEnded();
    }

    private async Task Expire(string key, LeaseRecord lease)
    {
        var trial = GrainFactory.GetTrial(key);
        var (end, why) = Classify(lease);
        var reason = $"lease of {lease.Holder} expired (not renewed for {_options.LeaseTimeout.TotalSeconds:0.#} s{why})";
        bool requeue;
        try
        {
            requeue = await trial.EndAttempt(lease.Attempt, end, reason).WaitAsync(CallPatience);
        }
        catch (Exception e)
        {
            // Kept, and tried again at the next check: dropping it would lose the trial.
            logger.LogWarning(e, "Ending the expired lease of trial {TrialKey} attempt {Attempt} failed; trying again", key, lease.Attempt);
            return;
        }

        logger.LogWarning("Trial {TrialKey} attempt {Attempt}: {Reason}", key, lease.Attempt, reason);
        if (!_leases.TryGetValue(key, out var current) || !ReferenceEquals(current, lease))
        {
            // Released or renewed under a new attempt meanwhile: that call settled it.
            return;
        }

        _leases.Remove(key);
        Returned(lease.Trial.SweepId);
        if (requeue && _sweeps.TryGetValue(lease.Trial.SweepId, out var queue))
        {
            queue.Add(lease.Trial, front: true);
        }
        else if (!requeue)
        {
            Unconfirmed(lease.Trial.SweepId, lease.Trial.TrialId);
        }

        QueuePromoted(key, lease.Trial.SweepId);
    }

    private void QueuePromoted(string key, string sweepId)
    {
        if (_promotedAfterLease.Remove(key, out var promoted) && _sweeps.TryGetValue(sweepId, out var queue))
        {
            queue.Add(promoted, front: true);
            Signal();
        }
    }

    /// <summary>
    /// Why a lease expired, for its reason. Every expiry is infrastructure's, not the trial's: the slot's heartbeat renews
    /// a lease however the training goes, so it stops only when its silo died (or the whole program did, for a lease adopted
    /// after a restart), could not reach the dispatcher, or never got the grant. Such attempts are not charged to
    /// max_retries; a trial that keeps killing its own process still fails after <see cref="TrialGrain.LostAttemptLimit"/> of them.
    /// </summary>
    private (AttemptEnd End, string Why) Classify(LeaseRecord lease)
    {
        if (lease.Worker is not { } worker)
        {
            return (AttemptEnd.Lost, "; adopted after a restart, so its holder most likely died with the program");
        }

        if (!lease.Renewed)
        {
            return (AttemptEnd.Lost, "; never renewed, so the grant most likely never reached its worker");
        }

        if (worker.SiloAddress is { } address && membership.CurrentSnapshot.GetSiloStatus(SiloAddress.FromParsableString(address)) != SiloStatus.Active)
        {
            return (AttemptEnd.Lost, $"; its silo {worker.Silo} is gone");
        }

        return (AttemptEnd.Lost, $"; its silo {worker.Silo} stopped reaching the dispatcher");
    }

    private void Unconfirmed(string sweepId, string trialId)
    {
        if (!_unconfirmed.TryGetValue(sweepId, out var trials))
        {
            trials = new HashSet<string>(StringComparer.Ordinal);
            _unconfirmed[sweepId] = trials;
        }

        trials.Add(trialId);
    }

    /// <summary>Has each sweep check the trials seen to end against its view; what a failed call could not deliver waits for the next check.</summary>
    private async Task ConfirmEnded()
    {
        if (_confirming || _unconfirmed.Count == 0)
        {
            return;
        }

        _confirming = true;
        try
        {
            foreach (var (sweepId, trials) in _unconfirmed.ToList())
            {
                var batch = trials.ToList();
                try
                {
                    await GrainFactory.GetGrain<ISweepGrain>(sweepId).Confirm(batch).WaitAsync(CallPatience);
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Confirming {Count} ended trials with sweep {SweepId} failed; trying again", batch.Count, sweepId);
                    continue;
                }

                if (_unconfirmed.TryGetValue(sweepId, out var now))
                {
                    now.ExceptWith(batch);
                    if (now.Count == 0)
                    {
                        _unconfirmed.Remove(sweepId);
                    }
                }
            }
        }
        finally
        {
            _confirming = false;
        }
    }

    private async Task ResyncSweeps(bool reconcile)
    {
        foreach (var sweepId in dispatcher.State.ActiveSweeps.ToList())
        {
            SweepWork? work;
            try
            {
                work = await GrainFactory.GetGrain<ISweepGrain>(sweepId).Resync(reconcile);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Resynchronizing sweep {SweepId} failed; trying again in {Interval}", sweepId, _options.ResyncInterval);
                continue;
            }

            if (work is null)
            {
                await SweepFinished(sweepId);
            }
            else
            {
                await Submit(work);
            }
        }
    }
}
