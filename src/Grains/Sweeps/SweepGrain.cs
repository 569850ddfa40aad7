using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SweepGrid.Contracts.Dispatch;
using SweepGrid.Contracts.Leaderboards;
using SweepGrid.Contracts.Parsing;
using SweepGrid.Contracts.Scheduling;
using SweepGrid.Contracts.Search;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;
using SweepGrid.Grains.Dispatch;

namespace SweepGrid.Grains.Sweeps;

/// <summary>
/// One sweep: expands its spec into trials, follows them through their grains' events, feeds the
/// leaderboard and streams events to watchers. Trial grains are the source of truth; after a
/// reactivation the sweep reconciles its view from them.
/// </summary>
public sealed class SweepGrain(
    [PersistentState("sweep", StorageNames.Default)] IPersistentState<SweepGrainState> sweep,
    IOptions<DispatcherOptions> dispatcherOptions,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain, IIncomingGrainCallFilter, IRemindable
{
    /// <summary>Held from just before the launch is stored until the sweep ends: each tick hands the dispatcher the sweep's work
    /// again, so a launch cut short between storing the sweep and submitting it, or a dispatcher that lost it, still runs.</summary>
    private const string WatchdogReminder = "watchdog";
    private const int LeaderboardCapacity = 1_000;
    private const int ReconcileBatch = 256;
    // Before the first heartbeat tells the cluster's slots: one, so that a one-slot cluster suggests the same trials every
    // time; the next trial's start asks again, with the slots known.
    private const int DefaultInFlight = 1;

    private readonly Dictionary<string, TrialConfig> _configs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrialView> _views = new(StringComparer.Ordinal);
    private readonly Dictionary<TrialStatus, int> _counts = [];
    private readonly Dictionary<string, LeaderboardEntry> _unboarded = new(StringComparer.Ordinal);
    private readonly List<SweepEvent> _events = [];
    // Early stopping: the policy, and the sweep metric's value after each epoch per trial (from the trial grains' histories
    // and the epochs judged since).
    private IEarlyStopping? _policy;
    private readonly Dictionary<string, List<double>> _values = new(StringComparer.Ordinal);
    // Adaptive search: the searcher, the trial ids in the order suggested, and each finished trial's metric value.
    private ISearcher? _searcher;
    private readonly List<string> _order = [];
    private readonly Dictionary<string, double> _outcomes = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = NewSignal();
    private long _nextSequence;
    private bool _reconciled;
    private bool _stale;

    private SweepGrainState State => sweep.State;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Sequence numbers start from the clock so they keep increasing across reactivations.
        _nextSequence = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        foreach (var config in State.Trials)
        {
            var id = TrialId.Of(config).Value;
            _configs[id] = config;
            _order.Add(id);
        }

        _reconciled = State.State == SweepState.NotLaunched;
        if (State.Schedule is not null || State.Budget is not null)
        {
            var spec = SweepSpecParser.Parse(State.SpecYaml);
            _policy = PolicyOf(spec);
            _searcher = State.Budget is null ? null : SearchStrategies.Searcher(spec);
        }

        return Task.CompletedTask;
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (_stale)
        {
            throw new StaleStateException($"sweep {Id} is reloading its state after a failed write; try again");
        }

        await context.Invoke();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WatchdogReminder)
        {
            return;
        }

        if (State.State != SweepState.Running)
        {
            await DropWatchdog();
            return;
        }

        await EnsureReconciled();
        await FlushUnboarded();
        await FinishIfDone();
        await Resubmit();
    }

    public async Task<SweepStatus> Launch(SweepLaunch launch)
    {
        if (State.State != SweepState.NotLaunched)
        {
            return await Relaunch(launch);
        }

        // The client has checked the spec already; a grain trusts no caller, so it parses and expands the text again, once.
        var plan = SweepSpecParser.Plan(launch.SpecYaml, launch.SourceName);
        var (spec, planned, id) = (plan.Spec, plan.Trials, plan.SweepId);
        if (id != Id)
        {
            throw new ArgumentException($"this spec is sweep '{id}', not '{Id}'");
        }

        // An adaptive search suggests its first trials now, as many as can train at once, and the rest as slots free.
        var searcher = spec.Method == Contracts.Specs.SearchMethod.Tpe ? SearchStrategies.Searcher(spec) : null;
        var first = searcher?.Suggest(SearchHistory.Empty, Math.Min(spec.Count ?? 0, await InFlightTarget(spec.MaxConcurrentTrials ?? int.MaxValue))) ?? planned;

        // Before the sweep is stored: whatever cuts this launch short, the watchdog finishes it.
        await this.RegisterOrUpdateReminder(WatchdogReminder, dispatcherOptions.Value.ResyncInterval, dispatcherOptions.Value.ResyncInterval);
        State.State = SweepState.Running;
        State.Name = spec.Name;
        State.SpecYaml = launch.SpecYaml;
        _policy = PolicyOf(spec);
        _searcher = searcher;
        State.Budget = searcher is null ? null : spec.Count;
        State.Schedule = _policy is null ? null : new Dictionary<string, ScheduledTrial>(StringComparer.Ordinal);
        State.Trials = first.Select(p => p.Config).ToList();
        State.Metric = spec.Metric.Name;
        State.Maximize = spec.Metric.Goal == Contracts.Specs.MetricGoal.Maximize;
        State.MaxConcurrentTrials = spec.MaxConcurrentTrials ?? int.MaxValue;
        State.MaxRetries = spec.MaxRetries;
        State.LaunchedAt = DateTimeOffset.UtcNow;
        State.TraceParent = launch.TraceParent ?? Activity.Current?.Id;
        foreach (var trial in first)
        {
            Track(trial);
        }

        await Write();
        await GrainFactory.GetGrain<ILeaderboardGrain>(Id).Configure(State.Metric, State.Maximize, LeaderboardCapacity);
        await Register();
        await Dispatcher.Submit(new SweepWork(Id, State.MaxConcurrentTrials, first.Select(p => Queued(p.Id.Value)).ToList(), []));
        logger.LogInformation("Sweep {SweepId} launched with {Trials} trials", Id, State.Budget ?? first.Count);
        return await GetStatus();
    }

    public Task<string> GetSpec() => Task.FromResult(State.SpecYaml);

    public async Task<IReadOnlyList<TrialSnapshot>> GetTrials() => await FetchTrials(_configs.Keys.Order(StringComparer.Ordinal).ToList());

    private async Task<List<TrialSnapshot>> FetchTrials(IReadOnlyCollection<string> trialIds)
    {
        var trials = new List<TrialSnapshot>(trialIds.Count);
        foreach (var chunk in trialIds.Chunk(ReconcileBatch))
        {
            var snapshots = await Task.WhenAll(chunk.Select(id => Trial(id).GetSnapshot()));
            // A trial grain learns its configuration when it first starts; the sweep knows it from the launch.
            trials.AddRange(snapshots.Select(s => s.Config is null && _configs.TryGetValue(s.TrialId, out var config) ? s with { Config = config } : s));
        }

        return trials;
    }

    public async Task<SweepStatus> GetStatus()
    {
        await EnsureReconciled();
        return Status();
    }

    private SweepStatus Status() => new SweepStatus
    {
        SweepId = Id,
        Name = State.Name,
        State = State.State,
        Metric = State.Metric,
        Maximize = State.Maximize,
        LaunchedAt = State.LaunchedAt,
        FinishedAt = State.FinishedAt,
    }.WithCounts(State.Budget ?? _configs.Count, Count);

    public async Task<SweepStatus> Cancel()
    {
        if (State.State != SweepState.Running)
        {
            return await GetStatus();
        }

        await EnsureReconciled();
        State.CancelRequested = true;
        await Write();
        await Dispatcher.Withdraw(Id);
        var open = _views.Where(v => !v.Value.Status.IsTerminal()).Select(v => v.Key).ToList();
        foreach (var chunk in open.Chunk(ReconcileBatch))
        {
            await Task.WhenAll(chunk.Select(id => Trial(id).Cancel()));
        }

        // Their events are one-way and may be lost: read what the cancels did.
        await Refresh(open);
        return await GetStatus();
    }

    public async Task<SweepStatus> RetryFailed()
    {
        if (State.State is SweepState.NotLaunched or SweepState.Cancelled)
        {
            return await GetStatus();
        }

        await EnsureReconciled();
        var failed = _views.Where(v => v.Value.Status == TrialStatus.Failed).Select(v => v.Key).ToList();
        if (failed.Count == 0)
        {
            return Status();
        }

        foreach (var chunk in failed.Chunk(ReconcileBatch))
        {
            await Task.WhenAll(chunk.Select(id => Trial(id).Retry()));
        }

        if (State.State == SweepState.Completed)
        {
            State.State = SweepState.Running;
            State.FinishedAt = null;
            await Write();
        }

        // Read back what the retries did (their events are one-way), then hand the dispatcher the work.
        foreach (var id in failed)
        {
            SetView(id, _views[id] with { Status = TrialStatus.Pending, Phase = TrialView.PhaseOf(TrialStatus.Pending) });
        }

        await Refresh(failed);
        await this.RegisterOrUpdateReminder(WatchdogReminder, dispatcherOptions.Value.ResyncInterval, dispatcherOptions.Value.ResyncInterval);
        await Resubmit();
        logger.LogInformation("Sweep {SweepId}: {Count} failed trials queued again", Id, failed.Count);
        return Status();
    }

    public async IAsyncEnumerable<SweepEvent> Watch(long afterSequence, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await EnsureReconciled();
        var cursor = afterSequence;
        if (cursor >= _nextSequence)
        {
            // A cursor from another activation's numbering, ahead of this one's.
            cursor = long.MinValue;
        }

        while (!cancellation.IsCancellationRequested)
        {
            var changed = _changed.Task;
            if (!Retained(cursor))
            {
                // The events after the cursor were trimmed (a new watcher, or one that read more slowly than the sweep
                // wrote): the whole state instead, then the events from there.
                var snapshot = await Snapshot();
                cursor = snapshot.Sequence;
                yield return snapshot;
                continue;
            }

            while (After(cursor) is { } item)
            {
                cursor = item.Sequence;
                yield return item;
                if (!Retained(cursor))
                {
                    break;
                }
            }

            if (!Retained(cursor))
            {
                continue;
            }

            if (State.State is SweepState.Completed or SweepState.Cancelled && cursor >= _nextSequence - 1)
            {
                yield break;
            }

            await changed.WaitAsync(cancellation);
        }
    }

    public async Task OnTrialEvent(SweepTrialEvent e)
    {
        await EnsureReconciled();
        await Apply(e);
        await FinishIfDone();
    }

    public async Task Confirm(IReadOnlyList<string> trialIds)
    {
        await EnsureReconciled();
        await Refresh(trialIds.Where(id => _views.TryGetValue(id, out var view) && !view.Status.IsTerminal()).ToList());
    }

    public async Task<SweepWork?> Resync(bool reconcile = true)
    {
        if (State.State != SweepState.Running)
        {
            return null;
        }

        // Without a reconcile the views still come from the trial grains when this activation has not read them yet.
        _reconciled &= !reconcile;
        await EnsureReconciled();
        if (State.State != SweepState.Running)
        {
            return null;
        }

        var queued = _views.Where(v => v.Value.Status == TrialStatus.Pending).Select(v => Queued(v.Key)).ToList();
        var running = _views.Where(v => v.Value.Status == TrialStatus.Running)
            .Select(v => new RunningAttempt(v.Key, v.Value.Attempt, Queued(v.Key))).ToList();
        return new SweepWork(Id, State.MaxConcurrentTrials, queued, running);
    }

    private async Task EnsureReconciled()
    {
        if (_reconciled)
        {
            return;
        }

        _views.Clear();
        _counts.Clear();
        var completed = new List<LeaderboardEntry>();
        foreach (var chunk in _configs.Keys.Chunk(ReconcileBatch))
        {
            var snapshots = await Task.WhenAll(chunk.Select(id => Trial(id).GetSnapshot()));
            foreach (var snapshot in snapshots)
            {
                SetView(snapshot.TrialId, new TrialView(snapshot.Status, snapshot.Attempt, snapshot.Status.IsTerminal() ? 4 : 0));
                if (snapshot.Status is TrialStatus.Completed or TrialStatus.Pruned && snapshot.Metrics is { } metrics)
                {
                    completed.Add(Entry(snapshot.TrialId, metrics, snapshot.Attempt, snapshot.Status == TrialStatus.Pruned));
                    _outcomes[snapshot.TrialId] = metrics.Value(State.Metric) ?? double.NaN;
                }

                if (_policy is not null)
                {
                    _values[snapshot.TrialId] = snapshot.History.Select(MetricOf).ToList();
                }
            }
        }

        _reconciled = true;
        // The leaderboard persists lazily; resubmitting is idempotent and fills in what a crash lost.
        var leaderboard = Leaderboard;
        await leaderboard.Configure(State.Metric, State.Maximize, LeaderboardCapacity);
        foreach (var chunk in completed.Chunk(ReconcileBatch))
        {
            await leaderboard.SubmitAll(chunk);
        }

        await FinishIfDone();
    }

    private async Task FinishIfDone()
    {
        if (State.State != SweepState.Running || _configs.Count == 0)
        {
            return;
        }

        await SuggestMore();
        await PruneLeftovers();
        var finished = Count(TrialStatus.Completed) + Count(TrialStatus.Diverged) + Count(TrialStatus.Failed) + Count(TrialStatus.Cancelled)
                       + Count(TrialStatus.Pruned);
        if (finished < (State.Budget ?? _configs.Count))
        {
            return;
        }

        // The leaderboard grain may have lost entries it had not written yet (its silo died): it is rebuilt from the
        // trial grains once, before the sweep says it is done.
        await RebuildLeaderboard();

        // The state and its event change together, with no await between: a watcher that sees the sweep
        // finished has the SweepFinished event to read.
        State.State = State.CancelRequested ? SweepState.Cancelled : SweepState.Completed;
        State.FinishedAt = DateTimeOffset.UtcNow;
        Append(new SweepEvent { Kind = SweepEventKind.SweepFinished, Sweep = Status() });
        await Write();
        await Dispatcher.SweepFinished(Id);
        await DropWatchdog();
        logger.LogInformation("Sweep {SweepId} finished: {State}", Id, State.State);
    }

    /// <summary>Launched before: hands the dispatcher the work again (a first launch may have stopped short of it), and applies a
    /// changed max_retries or max_concurrent_trials, the only changes that keep a spec the same sweep.</summary>
    private async Task<SweepStatus> Relaunch(SweepLaunch launch)
    {
        await Register();
        if (State.State != SweepState.Running)
        {
            return await GetStatus();
        }

        var spec = SweepSpecParser.Parse(launch.SpecYaml, launch.SourceName);
        var maxConcurrent = spec.MaxConcurrentTrials ?? int.MaxValue;
        if (spec.MaxRetries != State.MaxRetries || maxConcurrent != State.MaxConcurrentTrials)
        {
            logger.LogInformation("Sweep {SweepId} relaunched with max_retries {MaxRetries} (was {OldRetries}) and max_concurrent_trials {MaxConcurrent} (was {OldConcurrent})",
                Id, spec.MaxRetries, State.MaxRetries, maxConcurrent, State.MaxConcurrentTrials);
            State.MaxRetries = spec.MaxRetries;
            State.MaxConcurrentTrials = maxConcurrent;
            State.SpecYaml = launch.SpecYaml;
            await Write();
        }

        await this.RegisterOrUpdateReminder(WatchdogReminder, dispatcherOptions.Value.ResyncInterval, dispatcherOptions.Value.ResyncInterval);
        await Resubmit();
        return await GetStatus();
    }

    private async Task Resubmit()
    {
        if (await Resync(reconcile: false) is { } work)
        {
            await Dispatcher.Submit(work);
        }
    }

    /// <summary>Reads the given trials from their grains and moves their views (and the leaderboard) to what the grains say.</summary>
    private async Task Refresh(IReadOnlyList<string> trialIds)
    {
        foreach (var chunk in trialIds.Chunk(ReconcileBatch))
        {
            var snapshots = await Task.WhenAll(chunk.Select(id => Trial(id).GetSnapshot()));
            foreach (var snapshot in snapshots)
            {
                if (snapshot.Status.IsTerminal())
                {
                    // As if its lost event had arrived.
                    await Apply(new SweepTrialEvent(SweepEventKind.TrialFinished, snapshot.TrialId, snapshot.Attempt, snapshot.Status, null,
                        snapshot.Metrics, snapshot.Silo, snapshot.Device, snapshot.Reason));
                }
                else if (_views.TryGetValue(snapshot.TrialId, out var view) && view.IsOlderThan(snapshot.Attempt, TrialView.PhaseOf(snapshot.Status)))
                {
                    SetView(snapshot.TrialId, new TrialView(snapshot.Status, snapshot.Attempt, TrialView.PhaseOf(snapshot.Status)));
                }
            }
        }

        await FinishIfDone();
    }

    /// <summary>Moves a trial's view forward by one of its events (never back: events may come late or twice).</summary>
    private async Task Apply(SweepTrialEvent e)
    {
        if (!_views.TryGetValue(e.TrialId, out var view) || !view.IsOlderThan(e.Attempt, TrialView.PhaseOf(e.Kind)))
        {
            return;
        }

        SetView(e.TrialId, new TrialView(e.Status, e.Attempt, TrialView.PhaseOf(e.Kind)));
        Append(new SweepEvent
        {
            Kind = e.Kind,
            TrialId = e.TrialId,
            Attempt = e.Attempt,
            Status = e.Status,
            Epoch = e.Epoch,
            Metrics = e.Metrics,
            Silo = e.Silo,
            Device = e.Device,
            Bundle = e.Bundle,
            Reason = e.Reason,
            Config = e.Kind == SweepEventKind.TrialStarted && e.Attempt == 1 ? _configs.GetValueOrDefault(e.TrialId) : null,
        });

        if (e.Kind == SweepEventKind.TrialFinished && e.Status is TrialStatus.Completed or TrialStatus.Pruned && e.Metrics is { } metrics)
        {
            _outcomes[e.TrialId] = metrics.Value(State.Metric) ?? double.NaN;
            await Board(Entry(e.TrialId, metrics, e.Attempt, e.Status == TrialStatus.Pruned));
        }

        if (e.Kind == SweepEventKind.TrialFinished)
        {
            // A slot is free: a promotion takes it first, else a new suggestion.
            await Promote();
            await SuggestMore();
        }
        else if (e.Kind == SweepEventKind.TrialStarted)
        {
            // The cluster's slots may be known by now (its silos' first heartbeats): fill those still idle.
            await SuggestMore();
        }
    }

    /// <summary>Puts a completed trial on the leaderboard, or keeps it to try again: a failed call must not lose the entry.</summary>
    private async Task Board(LeaderboardEntry entry)
    {
        try
        {
            await Leaderboard.Submit(entry);
            _unboarded.Remove(entry.TrialId);
        }
        catch (Exception e)
        {
            _unboarded[entry.TrialId] = entry;
            logger.LogWarning(e, "Putting trial {TrialId} on the leaderboard of sweep {SweepId} failed; trying again later", entry.TrialId, Id);
        }
    }

    private async Task FlushUnboarded()
    {
        if (_unboarded.Count > 0)
        {
            var entries = _unboarded.Values.ToList();
            await Leaderboard.SubmitAll(entries);
            entries.ForEach(e => _unboarded.Remove(e.TrialId));
        }
    }

    private async Task RebuildLeaderboard()
    {
        var completed = new List<LeaderboardEntry>();
        foreach (var chunk in _views.Where(v => v.Value.Status is TrialStatus.Completed or TrialStatus.Pruned).Select(v => v.Key).Chunk(ReconcileBatch))
        {
            var snapshots = await Task.WhenAll(chunk.Select(id => Trial(id).GetSnapshot()));
            completed.AddRange(snapshots.Where(s => s.Metrics is not null)
                .Select(s => Entry(s.TrialId, s.Metrics!, s.Attempt, s.Status == TrialStatus.Pruned)));
        }

        foreach (var chunk in completed.Chunk(ReconcileBatch))
        {
            await Leaderboard.SubmitAll(chunk);
        }

        _unboarded.Clear();
    }

    public async Task<EpochVerdict> Judge(string trialId, int attempt, EpochMetrics epoch)
    {
        await EnsureReconciled();
        if (_policy is null || State.Schedule?.GetValueOrDefault(trialId) is not { } scheduled || State.State != SweepState.Running)
        {
            return EpochVerdict.Continue;
        }

        // A resumed attempt reports again from its checkpoint on: its values replace those from that epoch on.
        var values = Values(trialId);
        if (values.Count >= epoch.Epoch)
        {
            values.RemoveRange(epoch.Epoch - 1, values.Count - epoch.Epoch + 1);
        }

        while (values.Count < epoch.Epoch - 1)
        {
            values.Add(double.NaN);
        }

        values.Add(MetricOf(epoch));
        var verdict = scheduled.State switch
        {
            // Decided before, and asked again: a lost answer, or an attempt that trained on without hearing it.
            ProgressState.Pruned => new EpochVerdict(EpochAction.Stop, scheduled.Reason),
            ProgressState.Paused when epoch.Epoch >= scheduled.Target => new EpochVerdict(EpochAction.Pause, scheduled.Reason),
            _ => (EpochVerdict?)null,
        };
        if (verdict is null)
        {
            verdict = _policy.OnEpoch(Progress(trialId), Progress());
            if (verdict.Value.Action == EpochAction.Continue)
            {
                return verdict.Value;
            }

            scheduled.State = verdict.Value.Action == EpochAction.Stop ? ProgressState.Pruned : ProgressState.Paused;
            scheduled.Reason = verdict.Value.Reason;
            await Write();
            logger.LogInformation("Sweep {SweepId}: trial {TrialId} {Decision} after epoch {Epoch}: {Reason}",
                Id, trialId, verdict.Value.Action == EpochAction.Stop ? "pruned" : "paused", epoch.Epoch, verdict.Value.Reason);
        }

        // The decision is stored; the trial grain, arbiter of its attempts, ends this one by it. Only the sweep calls it
        // here (never the trial grain the sweep, which would deadlock the two), and a retried judgement ends it the same.
        var pause = verdict.Value.Action == EpochAction.Pause;
        await Trial(trialId).StopEarly(attempt, pause, scheduled.Reason ?? "");
        if (pause)
        {
            // Its slot is free: a paused trial ranked higher may be resumed on it, else a new configuration starts.
            await Promote();
            await SuggestMore();
        }

        return verdict.Value;
    }

    /// <summary>Resumes every trial the policy promotes now: stored first, then queued at the front of the dispatcher's queue.
    /// A lost submit is repaired by the watchdog, which queues every trial whose view is pending.</summary>
    private async Task Promote()
    {
        if (_policy is null || State.Schedule is null || State.State != SweepState.Running || State.CancelRequested)
        {
            return;
        }

        var promoted = new List<QueuedTrial>();
        while (_policy.Promote(Progress()) is { } promotion)
        {
            var scheduled = State.Schedule[promotion.TrialId];
            scheduled.State = ProgressState.Running;
            scheduled.Target = promotion.Target;
            scheduled.Reason = promotion.Reason;
            SetView(promotion.TrialId, _views[promotion.TrialId] with { Status = TrialStatus.Pending, Phase = TrialView.PhaseOf(TrialStatus.Pending) });
            promoted.Add(Queued(promotion.TrialId));
            logger.LogInformation("Sweep {SweepId}: trial {TrialId} {Reason}, to epoch {Target}", Id, promotion.TrialId, promotion.Reason, promotion.Target);
        }

        if (promoted.Count == 0)
        {
            return;
        }

        await Write();
        await Dispatcher.Submit(new SweepWork(Id, State.MaxConcurrentTrials, [], [], promoted));
    }

    /// <summary>When nothing is queued or training and nothing can be promoted, the trials still paused at a rung end, pruned.</summary>
    private async Task PruneLeftovers()
    {
        if (_policy is null || State.Schedule is null || State.CancelRequested
            || Count(TrialStatus.Pending) + Count(TrialStatus.Running) > 0 || Count(TrialStatus.Paused) == 0
            || State.Budget is { } budget && _configs.Count < budget)
        {
            return;
        }

        await Promote();
        if (Count(TrialStatus.Pending) > 0)
        {
            return;
        }

        var paused = State.Schedule.Where(s => s.Value.State == ProgressState.Paused).Select(s => s.Key).ToList();
        foreach (var id in paused)
        {
            State.Schedule[id].State = ProgressState.Pruned;
            State.Schedule[id].Reason = $"{State.Schedule[id].Reason}; not promoted before the sweep ran out of trials";
        }

        await Write();
        foreach (var chunk in paused.Chunk(ReconcileBatch))
        {
            await Task.WhenAll(chunk.Select(id => Trial(id).Prune(State.Schedule[id].Reason!)));
        }

        // Their events are one-way: read what the prunes did.
        await Refresh(paused);
    }

    /// <summary>Asks an adaptive search for as many new trials as there is room for (in flight below the cluster's slots or
    /// max_concurrent_trials, within the budget); each is stored with the sweep before it is queued, so a crash between
    /// the two leaves a pending trial the watchdog queues.</summary>
    private async Task SuggestMore()
    {
        if (_searcher is null || State.Budget is not { } budget || State.State != SweepState.Running || State.CancelRequested)
        {
            return;
        }

        var inFlight = Count(TrialStatus.Pending) + Count(TrialStatus.Running);
        var room = Math.Min(budget - _configs.Count, await InFlightTarget(State.MaxConcurrentTrials) - inFlight);
        if (room <= 0)
        {
            return;
        }

        var suggested = _searcher.Suggest(History(), room).Where(t => !_configs.ContainsKey(t.Id.Value)).ToList();
        if (suggested.Count == 0)
        {
            if (inFlight == 0 && Count(TrialStatus.Paused) == 0)
            {
                // The space has no configuration left to suggest: the sweep ends with what it has.
                logger.LogInformation("Sweep {SweepId}: the search space is exhausted after {Trials} of {Budget} trials", Id, _configs.Count, budget);
                State.Budget = _configs.Count;
                await Write();
            }

            return;
        }

        foreach (var trial in suggested)
        {
            State.Trials.Add(trial.Config);
            Track(trial);
        }

        await Write();
        await Dispatcher.Submit(new SweepWork(Id, State.MaxConcurrentTrials, suggested.Select(t => Queued(t.Id.Value)).ToList(), []));
    }

    /// <summary>Every trial so far as the searcher sees it, in the order suggested.</summary>
    private SearchHistory History() => new(_order.Select(id => new ObservedTrial(new PlannedTrial(new TrialId(id), _configs[id]),
        _views.GetValueOrDefault(id)?.Status switch
        {
            TrialStatus.Completed => ObservedState.Completed,
            TrialStatus.Pruned => ObservedState.Pruned,
            TrialStatus.Failed or TrialStatus.Diverged or TrialStatus.Cancelled => ObservedState.Failed,
            _ => ObservedState.Running,
        },
        _outcomes.TryGetValue(id, out var value) ? value : null)).ToList());

    /// <summary>How many trials an adaptive search keeps in flight: max_concurrent_trials, else the cluster's slots.</summary>
    private async Task<int> InFlightTarget(int maxConcurrent)
    {
        if (maxConcurrent != int.MaxValue)
        {
            return maxConcurrent;
        }

        try
        {
            var nodes = await GrainFactory.GetGrain<Contracts.Nodes.INodeRegistryGrain>(Contracts.Nodes.INodeRegistryGrain.Key).List();
            var slots = nodes.Sum(n => n.Devices.Sum(d => d.Slots));
            return slots > 0 ? slots : DefaultInFlight;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Reading the cluster's slots for sweep {SweepId} failed; keeping {Count} trials in flight", Id, DefaultInFlight);
            return DefaultInFlight;
        }
    }

    /// <summary>A trial the sweep now has: its configuration, a pending view and, with early stopping, its bracket and first target.</summary>
    private void Track(PlannedTrial trial)
    {
        var id = trial.Id.Value;
        var index = _order.Count;
        _configs[id] = trial.Config;
        _order.Add(id);
        SetView(id, TrialView.Pending);
        if (_policy is not null && State.Schedule is not null)
        {
            var bracket = _policy.BracketOf(index);
            State.Schedule[id] = new ScheduledTrial { Bracket = bracket, Target = _policy.FirstTarget(bracket) };
        }
    }

    private IReadOnlyList<TrialProgress> Progress() => State.Schedule!.Keys.Select(Progress).ToList();

    private TrialProgress Progress(string trialId)
    {
        var scheduled = State.Schedule![trialId];
        var state = _views.GetValueOrDefault(trialId)?.Status switch
        {
            TrialStatus.Completed => ProgressState.Completed,
            TrialStatus.Pruned => ProgressState.Pruned,
            TrialStatus.Failed or TrialStatus.Diverged or TrialStatus.Cancelled => ProgressState.Failed,
            _ => scheduled.State,
        };
        return new TrialProgress(trialId, state, Values(trialId), scheduled.Target, scheduled.Bracket);
    }

    private List<double> Values(string trialId) =>
        _values.TryGetValue(trialId, out var values) ? values : _values[trialId] = [];

    private double MetricOf(EpochMetrics epoch) =>
        (State.Metric == "val_loss" ? epoch.ValidationLoss : epoch.ValidationAccuracy) ?? double.NaN;

    private TrialStatus Effective(string trialId, TrialStatus status) =>
        status == TrialStatus.Paused && State.Schedule?.GetValueOrDefault(trialId)?.State == ProgressState.Running ? TrialStatus.Pending : status;

    private static IEarlyStopping? PolicyOf(Contracts.Specs.SweepSpec spec) =>
        EarlyStopping.For(spec.EarlyTerminate, spec.Metric.Goal, spec.Metric.Name, spec.Base.Epochs);

    private async Task Write()
    {
        try
        {
            await sweep.WriteStateAsync();
        }
        catch (Exception e)
        {
            // The write may or may not have taken effect: the next activation reads which.
            _stale = true;
            DeactivateOnIdle();
            logger.LogWarning(e, "Writing sweep {SweepId} failed; its grain reloads its state", Id);
            throw;
        }
    }

    private async Task DropWatchdog()
    {
        try
        {
            if (await this.GetReminder(WatchdogReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception e)
        {
            // A later tick finds the sweep finished and tries again.
            logger.LogWarning(e, "Removing the watchdog reminder of sweep {SweepId} failed", Id);
        }
    }

    /// <summary>
    /// The whole state, as of its sequence number: every event up to it is in the trials' snapshots, so a watcher that goes
    /// on after it misses none. Events keep arriving while the trial grains are asked (a watch interleaves with them): the
    /// number is the last one before asking, and the trials the events since touched are asked again (a few rounds at
    /// most, so a busy sweep still gets its snapshot), which moves the number on. A watcher may then be sent an event the
    /// snapshot already holds; the views apply events in order, so they end where the sweep is.
    /// </summary>
    private async Task<SweepEvent> Snapshot()
    {
        const int rounds = 3;
        await EnsureReconciled();
        var sequence = _nextSequence - 1;
        var trials = (await GetTrials()).ToDictionary(t => t.TrialId, StringComparer.Ordinal);
        for (var round = 0; round < rounds && _nextSequence - 1 > sequence; round++)
        {
            var upTo = _nextSequence - 1;
            var touched = Retained(sequence)
                ? Enumerable.Range(1, (int)(upTo - sequence)).Select(i => After(sequence + i - 1)?.TrialId).OfType<string>()
                : trials.Keys;
            // A trial an adaptive search suggested meanwhile is new to the snapshot.
            var again = touched.Concat(_configs.Keys.Where(id => !trials.ContainsKey(id))).Distinct(StringComparer.Ordinal).ToList();
            foreach (var trial in await FetchTrials(again))
            {
                trials[trial.TrialId] = trial;
            }

            sequence = upTo;
        }

        return new SweepEvent
        {
            Sequence = sequence,
            Kind = SweepEventKind.Snapshot,
            At = DateTimeOffset.UtcNow,
            Sweep = Status(),
            Trials = trials.Values.OrderBy(t => t.TrialId, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>Whether every event after a sequence number is still held, so a watcher at it misses nothing.</summary>
    private bool Retained(long sequence) => sequence >= (_events.Count > 0 ? _events[0].Sequence : _nextSequence) - 1;

    /// <summary>The event following a sequence number; sequence numbers are consecutive, so this is an index.</summary>
    private SweepEvent? After(long sequence)
    {
        if (_events.Count == 0)
        {
            return null;
        }

        var index = sequence + 1 - _events[0].Sequence;
        return index >= 0 && index < _events.Count ? _events[(int)index] : null;
    }

    private void Append(SweepEvent e)
    {
        _events.Add(e with { Sequence = _nextSequence++, At = DateTimeOffset.UtcNow });
        var retained = dispatcherOptions.Value.RetainedEvents;
        if (_events.Count > retained + retained / 4)
        {
            // Trim in chunks: RemoveRange is linear in what stays.
            _events.RemoveRange(0, _events.Count - retained);
        }

        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    /// <summary>The sweep's view of a trial, and the counts by status. A trial promoted from its rung is pending for the
    /// sweep until it starts, whatever its grain (still paused) or a late event says.</summary>
    private void SetView(string trialId, TrialView view)
    {
        view = view with { Status = Effective(trialId, view.Status) };
        if (_views.TryGetValue(trialId, out var old))
        {
            _counts[old.Status] = Count(old.Status) - 1;
        }

        _views[trialId] = view;
        _counts[view.Status] = Count(view.Status) + 1;
    }

    private Task Register() => GrainFactory.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key)
        .Register(new SweepSummary(Id, State.Name, State.Budget ?? State.Trials.Count, State.LaunchedAt ?? DateTimeOffset.UtcNow));

    private int Count(TrialStatus status) => _counts.GetValueOrDefault(status);

    private QueuedTrial Queued(string trialId) => new(Id, trialId, _configs[trialId], State.MaxRetries, State.TraceParent, State.Schedule is not null);

    private LeaderboardEntry Entry(string trialId, TrialMetrics metrics, int attempt, bool pruned = false) =>
        new(trialId, _configs[trialId], metrics.Value(State.Metric) ?? double.NaN, metrics, attempt, pruned);

    private ITrialGrain Trial(string trialId) => GrainFactory.GetGrain<ITrialGrain>(TrialGrainKey.For(Id, trialId));

    private IDispatcherGrain Dispatcher => GrainFactory.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);

    private ILeaderboardGrain Leaderboard => GrainFactory.GetGrain<ILeaderboardGrain>(Id);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
