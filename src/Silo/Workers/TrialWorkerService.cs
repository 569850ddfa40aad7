using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SweepGrid.Contracts.Dispatch;
using SweepGrid.Contracts.Scheduling;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;
using SweepGrid.Grains.Storage;
using SweepGrid.Grains.Trials;
using SweepGrid.Silo.Telemetry;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Silo.Workers;

/// <summary>
/// A silo's trial slots. Each slot pulls a lease from the dispatcher (a long wait, no polling), trains it on
/// a dedicated thread, reports every epoch to the trial grain (which renews the lease and may answer stop),
/// heartbeats the lease between epochs (one timer per slot, not per trial), and settles the attempt. On
/// shutdown running attempts are interrupted at their next batch and handed back at once.
/// </summary>
public sealed class TrialWorkerService(
    IGrainFactory grains,
    ITrialExecutor executor,
    IOptions<WorkerOptions> options,
    ILocalSiloDetails silo,
    SlotBoard board,
    OutOfSpace outOfSpace,
    ILogger<TrialWorkerService> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRenewalPeriod = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ShutdownPatience = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan CallPatience = TimeSpan.FromSeconds(10);
    // How long a slot whose trial ran out of disk space waits before it takes another: without space, the next fails too.
    private static readonly TimeSpan OutOfSpacePause = TimeSpan.FromSeconds(30);


    private static readonly Action<ILogger, string, string, int, string, Exception?> LogTrialStarts = LoggerMessage.Define<string, string, int, string>(
        LogLevel.Information, default, "Trial {TrialId} of sweep {SweepId} attempt {Attempt} starts on {Device}");

    private readonly WorkerOptions _options = options.Value;

    private IDispatcherGrain Dispatcher => field ??= grains.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var slots = WorkerSlots.Parse(_options.Slots);
        var siloName = silo.Name;
        board.Declare(slots.Select(s => s.Device));
        logger.LogInformation("Silo {Silo} trains on {SlotCount} slots: {Slots}", siloName, slots.Count, string.Join(", ", slots));
        var address = silo.SiloAddress.ToParsableString();
        await Task.WhenAll(slots.Select((slot, i) => RunSlot(slot, new WorkerInfo($"{siloName}/{slot.Device}#{i}", siloName, slot.Device, address), stopping)));
    }

    private async Task RunSlot(WorkerSlot slot, WorkerInfo worker, CancellationToken stopping)
    {
        using var thread = new SlotThread($"slot {worker.WorkerId}");
        // The leases the slot's heartbeat renews: those training, and finished ones until their results are settled with the
        // trial grain and the dispatcher, since a settling retried through a cluster hiccup must not outlast its lease. A timer
        // per trial cost a timer, a linked token and a cancellation exception per trial.
        var held = new ConcurrentDictionary<string, TrialLease>(StringComparer.Ordinal);
        var renewals = new PeriodicTimer(FirstRenewalPeriod);
        var heartbeat = Heartbeat(held, renewals, stopping);
        // The slot asks for its next leases as soon as training ends, and settles those attempts meanwhile.
        var settling = Task.CompletedTask;
        Task<IReadOnlyList<TrialLease>>? next = null;
        var members = slot.MembersWith(executor);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                IReadOnlyList<TrialLease> leases;
                var acquire = next ?? AcquireNext();
                next = null;
                try
                {
                    leases = await acquire.WaitAsync(stopping);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    _ = HandBackIfGranted(acquire);
                    return;
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Worker {Worker} could not reach the dispatcher; retrying", worker.WorkerId);
                    await Task.Delay(TimeSpan.FromSeconds(1), stopping).ContinueWith(_ => { }, TaskScheduler.Default);
                    continue;
                }

                if (leases.Count > 0)
                {
                    var (settle, noSpace) = await RunLeases(worker, leases, thread, held, renewals,
                        () => next = stopping.IsCancellationRequested ? null : AcquireNext(), stopping);
                    await settling;
                    settling = settle;
                    if (noSpace)
                    {
                        if (next is not null)
                        {
                            _ = HandBackIfGranted(next);
                            next = null;
                        }

                        await Task.Delay(OutOfSpacePause, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
                    }
                }
            }
        }
        finally
        {
            if (next is not null)
            {
                _ = HandBackIfGranted(next);
            }

            renewals.Dispose();
            await heartbeat;
            await settling;
        }

        Task<IReadOnlyList<TrialLease>> AcquireNext()
        {
            // Asked for from inside the trial that just ended, but not part of its trace.
            var ambient = Activity.Current;
            Activity.Current = null;
            try
            {
                return Dispatcher.AcquireBundle(worker, members, _options.AcquireWait);
            }
            finally
            {
                Activity.Current = ambient;
            }
        }
    }

    /// <summary>One attempt the slot trains, alone or as a member of a bundle.</summary>
    private sealed record Attempt(TrialLease Lease, ITrialGrain Trial, AttemptCheckpoints Checkpoints, Activity? Activity);

    /// <summary>Trains the leases (one, or a bundle trained fused), calling <paramref name="trained"/> as soon as training ends;
    /// returns the settling of the attempts with their trial grains and the dispatcher, still running, and whether an attempt
    /// ran out of disk space.</summary>
    private async Task<(Task Settle, bool OutOfSpace)> RunLeases(WorkerInfo worker, IReadOnlyList<TrialLease> leases, SlotThread thread,
        ConcurrentDictionary<string, TrialLease> held, PeriodicTimer renewals, Action trained, CancellationToken stopping)
    {
        var attempts = leases.Select(lease => Begin(worker, lease, held)).ToList();
        var period = leases.Select(RenewalPeriod).Min();
        if (renewals.Period != period)
        {
            renewals.Period = period;
        }

        SweepGridTelemetry.BusySlots.Add(1);
        board.Started(worker.Device);
        IReadOnlyList<MemberResult> results;
        try
        {
            results = await thread.Run(() => attempts.Count == 1 ? [ExecuteOne(attempts[0], worker.Device, stopping)]
                : executor.ExecuteBundle(attempts.Select(a => new BundleMember(a.Lease, a.Checkpoints)).ToList(), worker.Device,
                    (i, epoch) => Report(attempts[i].Trial, attempts[i].Lease, attempts[i].Activity, epoch, stopping), stopping));
        }
        catch (Exception e)
        {
            results = attempts.Select(_ => new MemberResult(null, e)).ToList();
        }
        finally
        {
            trained();
            SweepGridTelemetry.BusySlots.Add(-1);
            board.Ended(worker.Device);
        }

        var finished = attempts.Select((attempt, i) => Finish(attempt, results[i], held, stopping)).ToList();
        return (Task.WhenAll(finished.Select(f => f.Settle)), finished.Any(f => f.OutOfSpace));
    }

    private MemberResult ExecuteOne(Attempt attempt, string device, CancellationToken stopping)
    {
        try
        {
            return new MemberResult(executor.Execute(attempt.Lease, device, attempt.Checkpoints,
                epoch => Report(attempt.Trial, attempt.Lease, attempt.Activity, epoch, stopping), stopping), null);
        }
        catch (Exception e)
        {
            return new MemberResult(null, e);
        }
    }

    private Attempt Begin(WorkerInfo worker, TrialLease lease, ConcurrentDictionary<string, TrialLease> held)
    {
        var activity = SweepGridTelemetry.Source.HasListeners() ? StartTrialActivity(lease) : null;
        activity?.SetTag("sweep", lease.SweepId);
        activity?.SetTag("trial", lease.TrialId);
        activity?.SetTag("optimizer", lease.Config.Optimizer);
        activity?.SetTag("learning_rate", lease.Config.LearningRate);
        activity?.SetTag("dropout", lease.Config.Dropout);
        activity?.SetTag("silo", worker.Silo);
        activity?.SetTag("device", worker.Device);
        activity?.SetTag("attempt", lease.Attempt);

        held[lease.Key] = lease;
        // Logged in the attempt's trace; the next member's span then stands on its own, not under this one.
        LogTrialStarts(logger, lease.TrialId, lease.SweepId, lease.Attempt, worker.Device, null);
        Activity.Current = null;
        return new Attempt(lease, grains.GetTrial(lease.Key), AttemptCheckpoints.For(_options.CheckpointRoot, lease.SweepId, lease.TrialId, lease.Attempt), activity);
    }

    /// <summary>Records how an attempt ended and starts its settling; whether it ran out of disk space.</summary>
    private (Task Settle, bool OutOfSpace) Finish(Attempt attempt, MemberResult ended, ConcurrentDictionary<string, TrialLease> held, CancellationToken stopping)
    {
        var (lease, activity, checkpoints) = (attempt.Lease, attempt.Activity, attempt.Checkpoints);
        using var ending = activity;
        var (result, crash) = (ended.Result, ended.Crash);
        if (result?.Outcome is not (TrialOutcome.Completed or TrialOutcome.Diverged))
        {
            // Only a finished trial has a result to lose while its settling waits out a cluster hiccup; an attempt handed
            // back or crashed lets its lease lapse, so a dispatcher that never hears of it requeues the trial all the same.
            held.TryRemove(lease.Key, out _);
        }

        foreach (var passedOver in result?.PassedOverCheckpoints ?? [])
        {
            logger.LogWarning("Trial {TrialId} attempt {Attempt}: checkpoint {PassedOver}", lease.TrialId, lease.Attempt, passedOver);
        }

        if (result?.Outcome == TrialOutcome.Completed)
        {
            checkpoints.RemoveEarlier();
        }

        // A full disk is the machine's failure, not the trial's: the attempt is handed back, uncharged, and the slot waits.
        var noSpace = crash is null ? null : OutOfSpace.Describe(crash);
        var outcome = noSpace is not null ? "handed back" : crash is null ? OutcomeName(result!.Outcome) : "crashed";
        activity?.SetTag("outcome", outcome);
        SweepGridTelemetry.TrialsFinished.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (noSpace is not null)
        {
            outOfSpace.Report(noSpace);
            activity?.SetStatus(ActivityStatusCode.Error, noSpace);
            logger.LogError("Trial {TrialId} attempt {Attempt} is handed back: {Error}; this slot takes no trial for {Pause} s",
                lease.TrialId, lease.Attempt, noSpace, OutOfSpacePause.TotalSeconds);
            result = new ExecutionResult(TrialOutcome.Interrupted, noSpace, null, 0, []);
            crash = null;
        }
        else if (crash is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, crash.Message);
            logger.LogError(crash, "Trial {TrialId} attempt {Attempt} crashed", lease.TrialId, lease.Attempt);
        }
        else if (result!.ResumedFromEpoch > 0)
        {
            activity?.SetTag("resumed_after_epoch", result.ResumedFromEpoch);
            logger.LogInformation("Trial {TrialId} attempt {Attempt} resumed after epoch {Epoch} from its checkpoint and ended {Outcome}",
                lease.TrialId, lease.Attempt, result.ResumedFromEpoch, outcome);
        }

        // The settling's grain calls belong to the attempt's trace.
        Activity.Current = activity;
        return (SettleThenForget(attempt.Trial, lease, result, crash, held, stopping), noSpace is not null);
    }

    private EpochAnswer Report(ITrialGrain trial, TrialLease lease, Activity? attemptActivity, EpochMetrics epoch, CancellationToken cancellation)
    {
        var end = DateTimeOffset.UtcNow;
        using (var span = SweepGridTelemetry.Source.StartActivity("trial.epoch", ActivityKind.Internal,
                   attemptActivity?.Context ?? default, startTime: end - TimeSpan.FromSeconds(epoch.DurationSeconds)))
        {
            span?.SetTag("epoch", epoch.Epoch);
            span?.SetTag("loss", epoch.TrainLoss);
            span?.SetTag("accuracy", epoch.TrainAccuracy);
            span?.SetTag("val_accuracy", epoch.ValidationAccuracy);
            span?.SetTag("duration", epoch.DurationSeconds);
            span?.SetTag("samples_per_second", epoch.SamplesPerSecond);
            span?.SetEndTime(end.UtcDateTime);
        }

        SweepGridTelemetry.EpochDuration.Record(epoch.DurationSeconds);
        SweepGridTelemetry.SamplesPerSecond.Record(epoch.SamplesPerSecond);
        if (epoch.Epoch >= epoch.TotalEpochs)
        {
            // Nothing is left to stop: the final epoch reaches the trial grain with the completion.
            return EpochAnswer.Continue;
        }

        var giveUp = DateTimeOffset.UtcNow + _options.ClusterPatience;
        for (var tries = 1; ; tries++)
        {
            try
            {
                // Blocking is right here: this is the trial's own thread, and the answer decides whether it goes on.
                var answer = trial.ReportEpoch(lease.Attempt, epoch).WaitAsync(CallPatience).GetAwaiter().GetResult();
                if (answer.Stop || !lease.Judged)
                {
                    return answer;
                }

                // The sweep's early stopping: go on, or stop here (pruned, or paused at a rung until promoted). Asked again
                // after a lost answer, the sweep answers the same.
                var verdict = Sweep(lease).Judge(lease.TrialId, lease.Attempt, epoch).WaitAsync(CallPatience).GetAwaiter().GetResult();
                return verdict.Action == EpochAction.Continue ? answer : new EpochAnswer(true, verdict.Reason ?? "stopped early");
            }
            catch (Exception e) when (DateTimeOffset.UtcNow < giveUp)
            {
                logger.LogWarning("Reporting epoch {Epoch} of trial {TrialId} failed (try {Try}): {Error}", epoch.Epoch, lease.TrialId, tries, e.Message);
                // Back off on the trial's own thread, but not past a shutdown.
                if (cancellation.WaitHandle.WaitOne(Backoff(tries)))
                {
                    return new EpochAnswer(true, "silo shutting down");
                }
            }
            catch (Exception e)
            {
                return new EpochAnswer(true, $"could not report to the cluster for {_options.ClusterPatience.TotalSeconds:0} s: {e.Message}");
            }
        }
    }

    private ISweepGrain Sweep(TrialLease lease) => grains.GetGrain<ISweepGrain>(lease.SweepId);

    /// <summary>0.2 s, 0.4 s, 0.8 s, then every 1.6 s.</summary>
    private static TimeSpan Backoff(int tries) => TimeSpan.FromMilliseconds(200 << Math.Min(tries - 1, 3));

    /// <summary>A call that settles an attempt, retried while the cluster does not answer: for at most ClusterPatience, or
    /// a few seconds while the silo stops (the lease then expires and the trial is queued again all the same).</summary>
    private async Task<T> Patiently<T>(Func<Task<T>> call, string what, string trialId, CancellationToken stopping)
    {
        var giveUp = DateTimeOffset.UtcNow + (stopping.IsCancellationRequested ? ShutdownPatience : _options.ClusterPatience);
        for (var tries = 1; ; tries++)
        {
            // A shutdown that begins while a call is being retried bounds it too: the silo's stop must not wait out a disk
            // or cluster that does not answer.
            if (stopping.IsCancellationRequested && giveUp - DateTimeOffset.UtcNow > ShutdownPatience)
            {
                giveUp = DateTimeOffset.UtcNow + ShutdownPatience;
            }

            try
            {
                // Each try has a limit of its own: a call to a silo that just died is answered only once the cluster has
                // declared it dead, and the calls settling an attempt are idempotent, so trying again is safe.
                return await call().WaitAsync(CallPatience);
            }
            catch (Exception e) when (DateTimeOffset.UtcNow < giveUp)
            {
                logger.LogWarning("{What} of trial {TrialId} failed (try {Try}): {Error}", what, trialId, tries, e.Message);
                await Task.Delay(Backoff(tries));
            }
        }
    }

    /// <summary>Each attempt is a trace of its own, linked to the sweep's launch: a long sweep is thousands of small traces
    /// that a backend shows whole, not one that never ends.</summary>
    private static Activity? StartTrialActivity(TrialLease lease)
    {
        Activity.Current = null;
        var launch = ActivityContext.TryParse(lease.TraceParent, null, out var launched) ? [new ActivityLink(launched)] : Array.Empty<ActivityLink>();
        return SweepGridTelemetry.Source.StartActivity("trial", ActivityKind.Internal, default(ActivityContext), links: launch);
    }

    /// <summary>Renews the slot's lease a third of its timeout apart, whichever trial it is.</summary>
    private async Task Heartbeat(ConcurrentDictionary<string, TrialLease> held, PeriodicTimer renewals, CancellationToken stopping)
    {
        try
        {
            while (await renewals.WaitForNextTickAsync(stopping))
            {
                foreach (var lease in held.Values)
                {
                    try
                    {
                        await Dispatcher.Renew(lease.SweepId, lease.TrialId, lease.Attempt);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogWarning(e, "Renewing the lease of trial {TrialId} failed", lease.TrialId);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static TimeSpan RenewalPeriod(TrialLease lease) => lease.Timeout > TimeSpan.Zero ? lease.Timeout / 3 : FirstRenewalPeriod;

    private static string OutcomeName(TrialOutcome outcome) => outcome switch
    {
        TrialOutcome.Completed => "completed",
        TrialOutcome.Diverged => "diverged",
        TrialOutcome.Stopped => "stopped",
        TrialOutcome.Interrupted => "interrupted",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    private async Task SettleThenForget(ITrialGrain trial, TrialLease lease, ExecutionResult? result, Exception? crash,
        ConcurrentDictionary<string, TrialLease> held, CancellationToken stopping)
    {
        try
        {
            await Settle(trial, lease, result, crash, stopping);
        }
        finally
        {
            held.TryRemove(lease.Key, out _);
        }
    }

    private async Task Settle(ITrialGrain trial, TrialLease lease, ExecutionResult? result, Exception? crash, CancellationToken stopping)
    {
        try
        {
            // Each call is idempotent for its attempt, so a retry after an unanswered one changes nothing twice.
            var requeue = await Patiently(async () =>
            {
                switch (crash, result?.Outcome)
                {
                    case ({ } e, _):
                        return await trial.EndAttempt(lease.Attempt, AttemptEnd.Crashed, $"{e.GetType().Name}: {e.Message}");
                    case (null, TrialOutcome.Completed):
                        await trial.Complete(lease.Attempt, result!.Metrics!, result.History, result.CheckpointPath, result.ResumedFromEpoch);
                        return false;
                    case (null, TrialOutcome.Diverged):
                        await trial.Diverge(lease.Attempt, result!.Reason ?? "diverged");
                        return false;
                    default:
                        return await trial.EndAttempt(lease.Attempt, AttemptEnd.HandedBack, result?.Reason ?? "handed back");
                }
            }, "Settling attempt " + lease.Attempt, lease.TrialId, stopping);

            await Patiently(async () =>
            {
                await Dispatcher.Release(lease.SweepId, lease.TrialId, lease.Attempt, requeue);
                return true;
            }, "Releasing the lease", lease.TrialId, stopping);
        }
        catch (Exception e)
        {
            // The lease will expire and the dispatcher will end the attempt through the trial grain.
            logger.LogWarning(e, "Could not settle trial {TrialId} attempt {Attempt}; its lease will expire", lease.TrialId, lease.Attempt);
        }
    }

    private async Task HandBackIfGranted(Task<IReadOnlyList<TrialLease>> acquire)
    {
        try
        {
            foreach (var lease in await acquire)
            {
                var requeue = await grains.GetTrial(lease.Key).EndAttempt(lease.Attempt, AttemptEnd.HandedBack, "silo shutting down");
                await Dispatcher.Release(lease.SweepId, lease.TrialId, lease.Attempt, requeue);
            }
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "A lease granted during shutdown could not be handed back; it will expire");
        }
    }

}
