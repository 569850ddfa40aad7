using Microsoft.Extensions.Logging;
using SweepGrid.Contracts.Dispatch;
using SweepGrid.Contracts.Scheduling;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Grains.Trials;

/// <summary>
/// One trial and the arbiter of its attempts: only the current attempt may report or finish, and a
/// finished trial never starts again, so every configuration completes exactly once. Its state changes only
/// through a write that succeeded: after a failed one the activation is dropped and the next call reads storage again.
/// </summary>
public sealed class TrialGrain(
    [PersistentState("trial", StorageNames.Default)] IPersistentState<TrialGrainState> trial,
    ILogger<TrialGrain> logger) : Grain, ITrialGrain, IIncomingGrainCallFilter
{
    /// <summary>Attempts lost to infrastructure before the trial fails all the same: a trial that kills its own process
    /// (by exhausting memory, say) looks like a dead silo every time.</summary>
    public const int LostAttemptLimit = 5;

    private static readonly TimeSpan ProgressWriteInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RenewalInterval = TimeSpan.FromMilliseconds(250);
    private DateTimeOffset _lastWrite;
    private DateTimeOffset _lastRenewal;
    private bool _stale;

    private TrialGrainState State => trial.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.SweepId.Length == 0)
        {
            var key = this.GetPrimaryKeyString();
            var split = key.LastIndexOf('/');
            State.SweepId = key[..Math.Max(split, 0)];
            State.TrialId = key[(split + 1)..];
        }

        return Task.CompletedTask;
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        // A write failed, perhaps after it took effect: memory and storage may disagree, so nothing is answered from memory.
        if (_stale)
        {
            throw new StaleStateException($"trial {this.GetPrimaryKeyString()} is reloading its state after a failed write; try again");
        }

        await context.Invoke();
    }

    public async Task<TrialLease?> Start(QueuedTrial queued, WorkerInfo worker)
    {
        if (State.Status.IsTerminal())
        {
            // Whoever queued it may have missed the event that finished it.
            Notify(SweepEventKind.TrialFinished, reason: State.Reason);
            return null;
        }

        State.SweepId = queued.SweepId;
        State.TrialId = queued.TrialId;
        State.Config = queued.Config;
        State.MaxRetries = queued.MaxRetries;
        State.TraceParent = queued.TraceParent;
        State.Judged = queued.Judged;
        if (State.CancelRequested)
        {
            await Finish(TrialStatus.Cancelled, "cancelled before it started");
            return null;
        }

        State.Attempt++;
        State.Status = TrialStatus.Running;
        State.Silo = worker.Silo;
        State.Device = worker.Device;
        State.Bundle = worker.Bundle;
        State.StartedAt ??= DateTimeOffset.UtcNow;
        await Write();
        _lastRenewal = DateTimeOffset.UtcNow;
        Notify(SweepEventKind.TrialStarted);
        return new TrialLease(State.SweepId, State.TrialId, State.Attempt, queued.Config, queued.TraceParent, TimeSpan.Zero, State.Judged);
    }

    public async Task<EpochAnswer> ReportEpoch(int attempt, EpochMetrics epoch)
    {
        if (!IsCurrent(attempt))
        {
            return new EpochAnswer(true, $"lease lost: attempt {attempt} is no longer the trial's current one");
        }

        if (State.CancelRequested)
        {
            return new EpochAnswer(true, "cancelled");
        }

        // A resumed attempt reports from its checkpoint on; drop what the lost attempt reported past it.
        State.History.RemoveAll(e => e.Epoch >= epoch.Epoch);
        State.History.Add(epoch);
        // Progress is persisted at most once a second; the final history comes with Complete. A judged trial's is persisted
        // every epoch: it may end paused or pruned at this very epoch, with no completion to bring its history.
        if (State.Judged || DateTimeOffset.UtcNow - _lastWrite >= ProgressWriteInterval)
        {
            await Write();
        }

        Notify(SweepEventKind.EpochReported, epoch: epoch);

        // The worker's heartbeat renews the lease too; a report renews it when the last renewal is not fresh.
        if (DateTimeOffset.UtcNow - _lastRenewal < RenewalInterval)
        {
            return EpochAnswer.Continue;
        }

        var renewed = await Dispatcher.Renew(State.SweepId, State.TrialId, attempt);
        _lastRenewal = DateTimeOffset.UtcNow;
        return renewed ? EpochAnswer.Continue : new EpochAnswer(true, "lease lost: the dispatcher ended this attempt");
    }

    public async Task<bool> StopEarly(int attempt, bool pause, string reason)
    {
        if (attempt == State.Attempt && State.Status == (pause ? TrialStatus.Paused : TrialStatus.Pruned))
        {
            // Asked again (the sweep's answer to the worker was lost, and its retry judged the epoch again).
            Notify(pause ? SweepEventKind.TrialPaused : SweepEventKind.TrialFinished, reason: State.Reason);
            return true;
        }

        if (!IsCurrent(attempt))
        {
            return false;
        }

        if (pause)
        {
            await MoveTo(TrialStatus.Paused, SweepEventKind.TrialPaused, reason);
        }
        else
        {
            await FinishPruned(reason);
        }

        return true;
    }

    /// <summary>A trial stopped early scores its last epoch's validation metrics.</summary>
    private Task FinishPruned(string reason)
    {
        State.Metrics = State.History.Count > 0
            ? new TrialMetrics { ValAccuracy = State.History[^1].ValidationAccuracy, ValLoss = State.History[^1].ValidationLoss }
            : null;
        return Finish(TrialStatus.Pruned, reason);
    }

    public async Task Prune(string reason)
    {
        if (State.Status != TrialStatus.Paused)
        {
            if (State.Status == TrialStatus.Pruned)
            {
                Notify(SweepEventKind.TrialFinished, reason: State.Reason);
            }

            return;
        }

        await FinishPruned(reason);
    }

    public async Task Complete(int attempt, TrialMetrics metrics, IReadOnlyList<EpochMetrics>? history = null, string? checkpointPath = null, int resumedAfterEpoch = 0)
    {
        if (!IsCurrent(attempt))
        {
            if (attempt == State.Attempt && State.Status == TrialStatus.Completed)
            {
                // A retried completion (the first one's reply was lost): its event may have been lost with it.
                Notify(SweepEventKind.TrialFinished);
                return;
            }

            logger.LogWarning("Ignored completion of trial {TrialId} attempt {Attempt}: attempt {Current} is current ({Status})",
                State.TrialId, attempt, State.Attempt, State.Status);
            return;
        }

        State.Metrics = metrics;
        State.CheckpointPath = checkpointPath;
        State.ResumedAfterEpoch = resumedAfterEpoch;
        if (history is { Count: > 0 })
        {
            var reported = State.History.Count > 0 ? State.History[^1].Epoch : 0;
            State.History = history.ToList();
            foreach (var epoch in State.History.Where(e => e.Epoch > reported))
            {
                Notify(SweepEventKind.EpochReported, epoch: epoch);
            }
        }

        await Finish(TrialStatus.Completed, null);
    }

    public async Task Diverge(int attempt, string reason)
    {
        if (IsCurrent(attempt))
        {
            await Finish(TrialStatus.Diverged, reason);
        }
        else if (attempt == State.Attempt && State.Status == TrialStatus.Diverged)
        {
            Notify(SweepEventKind.TrialFinished, reason: State.Reason);
        }
    }

    public async Task<bool> EndAttempt(int attempt, AttemptEnd end, string reason)
    {
        if (attempt == State.Attempt && State.Status == TrialStatus.Pending && !State.CancelRequested)
        {
            // Already ended and waiting to be queued: a repeated end (a retried call, or the dispatcher's expiry after
            // the worker's release was lost) queues it, without counting the attempt against max_retries twice.
            return true;
        }

        if (!IsCurrent(attempt))
        {
            return false;
        }

        if (State.CancelRequested)
        {
            await Finish(TrialStatus.Cancelled, "cancelled");
            return false;
        }

        switch (end)
        {
            case AttemptEnd.Crashed or AttemptEnd.LeaseExpired when ++State.Failures > State.MaxRetries:
                await Finish(TrialStatus.Failed, $"{reason} (attempt {attempt}; {State.Failures} attempts failed, max_retries is {State.MaxRetries})");
                return false;
            case AttemptEnd.Lost when ++State.Lost >= LostAttemptLimit:
                await Finish(TrialStatus.Failed, $"{reason} (attempt {attempt}; the process training it died {State.Lost} times: " +
                                                 "the trial may be killing it, e.g. by exhausting memory)");
                return false;
        }

        await MoveTo(TrialStatus.Pending, SweepEventKind.TrialRequeued, reason);
        return true;
    }

    public async Task Cancel()
    {
        if (State.Status.IsTerminal() || State.CancelRequested)
        {
            return;
        }

        State.CancelRequested = true;
        if (State.Status is TrialStatus.Pending or TrialStatus.Paused)
        {
            await Finish(TrialStatus.Cancelled, "cancelled");
            return;
        }

        await Write();
    }

    public async Task<bool> Retry()
    {
        if (State.Status != TrialStatus.Failed)
        {
            return false;
        }

        State.Status = TrialStatus.Pending;
        State.Reason = $"retried after failing: {State.Reason}";
        State.Failures = 0;
        State.Lost = 0;
        State.FinishedAt = null;
        await Write();
        Notify(SweepEventKind.TrialRequeued, reason: State.Reason);
        return true;
    }

    public Task<TrialSnapshot> GetSnapshot()
    {
        return Task.FromResult(new TrialSnapshot
        {
            SweepId = State.SweepId,
            TrialId = State.TrialId,
            Config = State.Config,
            Status = State.Status,
            Attempt = State.Attempt,
            Failures = State.Failures,
            Silo = State.Silo,
            Device = State.Device,
            Bundle = State.Bundle,
            History = State.History.ToList(),
            Metrics = State.Metrics,
            Reason = State.Reason,
            CheckpointPath = State.CheckpointPath,
            StartedAt = State.StartedAt,
            FinishedAt = State.FinishedAt,
            ResumedAfterEpoch = State.ResumedAfterEpoch,
            LostAttempts = State.Lost,
        });
    }

    private async Task Write()
    {
        try
        {
            await trial.WriteStateAsync();
        }
        catch (Exception e)
        {
            // The write may or may not have taken effect: this activation's memory is no longer to be trusted.
            _stale = true;
            DeactivateOnIdle();
            logger.LogWarning(e, "Writing trial {TrialId} failed; its grain reloads its state", State.TrialId);
            throw;
        }

        _lastWrite = DateTimeOffset.UtcNow;
    }

    public Task Prepare() => Task.CompletedTask;

    // One reference each per activation: GetGrain resolves the interface by reflection on every call.
    private ISweepGrain Sweep => field ??= GrainFactory.GetGrain<ISweepGrain>(State.SweepId);

    private IDispatcherGrain Dispatcher => field ??= GrainFactory.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);

    private bool IsCurrent(int attempt) => attempt == State.Attempt && State.Status == TrialStatus.Running;

    /// <summary>A status short of the end (pending again, paused), stored, then told to the sweep.</summary>
    private async Task MoveTo(TrialStatus status, SweepEventKind kind, string reason)
    {
        State.Status = status;
        State.Reason = reason;
        await Write();
        Notify(kind, reason: reason);
    }

    private async Task Finish(TrialStatus status, string? reason)
    {
        State.Status = status;
        State.Reason = reason;
        State.FinishedAt = DateTimeOffset.UtcNow;
        await Write();
        Notify(SweepEventKind.TrialFinished, reason: reason);
    }

    private void Notify(SweepEventKind kind, EpochMetrics? epoch = null, string? reason = null)
    {
        var metrics = kind == SweepEventKind.TrialFinished ? State.Metrics : null;
        _ = Sweep.OnTrialEvent(new SweepTrialEvent(kind, State.TrialId, State.Attempt, State.Status, epoch, metrics, State.Silo, State.Device, reason, State.Bundle));
    }
}
