using SweepGrid.Client.Cluster;
using SweepGrid.Client.Dashboard.Api;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Dashboard;

/// <summary>
/// One sweep as the dashboard serves it, fed by one watch of the sweep shared by every page open on it. It keeps every
/// trial with the sequence of the event that last changed it, so a page that has seen up to sequence N is sent only the
/// trials changed after N (and only their new epochs), and a page whose N predates what the monitor knows gets everything.
/// </summary>
public sealed class SweepMonitor : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, MonitoredTrial> _trials = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time;
    private readonly Task _pump;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SweepStatus _status;
    private SweepLayout _layout;
    private long _sequence;
    private long _base;
    private (DateTimeOffset At, double Done)? _rateStart;
    private bool _ended;

    private SweepMonitor(SweepClient sweeps, SweepStatus status, SweepLayout layout, string source, TimeProvider time)
    {
        (_status, _layout, Source, _time) = (status, layout, source, time);
        SweepId = status.SweepId;
        _pump = Task.Run(() => Pump(sweeps));
    }

    public string SweepId { get; }

    /// <summary>Which connection feeds this monitor (a live run's gateway, a results folder's file): another one needs another monitor.</summary>
    public string Source { get; }

    public SweepLayout Layout
    {
        get
        {
            lock (_gate)
            {
                return _layout;
            }
        }
    }

    /// <summary>Completes at the next change after it was read.</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Whether the sweep has finished and every event of it is applied.</summary>
    public bool Ended
    {
        get
        {
            lock (_gate)
            {
                return _ended;
            }
        }
    }

    /// <summary>Whether the watch has lost its connection (the cluster or the run serving it went away) and not got it back.</summary>
    public bool Disconnected { get; private set; }

    /// <summary>Starts watching the sweep; the monitor is ready once the first snapshot of it is applied.</summary>
    public static async Task<SweepMonitor> StartAsync(SweepClient sweeps, string sweepId, string source, CancellationToken cancellation, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        var status = await sweeps.StatusAsync(sweepId);
        var layout = SweepLayout.Of(await sweeps.SpecAsync(sweepId));
        var monitor = new SweepMonitor(sweeps, status, layout, source, time ?? TimeProvider.System);
        try
        {
            await monitor._ready.Task.WaitAsync(cancellation);
        }
        catch
        {
            await monitor.DisposeAsync();
            throw;
        }

        return monitor;
    }

    public SweepDetailJson Detail()
    {
        lock (_gate)
        {
            var trials = _trials.Values.OrderBy(t => t.TrialId, StringComparer.Ordinal).Select(t => Row(t, since: null)).ToList();
            return new SweepDetailJson(Summary(), _sequence, [.. _layout.Parameters.Select(p => p.Json)], trials, BestId(), EtaSeconds());
        }
    }

    /// <summary>What changed after <paramref name="cursor"/>; null when the cursor predates what this monitor knows (send everything).</summary>
    public SweepUpdateJson? Since(long cursor)
    {
        lock (_gate)
        {
            if (cursor < _base)
            {
                return null;
            }

            var changed = _trials.Values.Where(t => t.Changed > cursor).OrderBy(t => t.TrialId, StringComparer.Ordinal).Select(t => Row(t, since: cursor)).ToList();
            return new SweepUpdateJson(Math.Max(cursor, _sequence), Summary(), changed, BestId(), EtaSeconds());
        }
    }

    public long Sequence
    {
        get
        {
            lock (_gate)
            {
                return _sequence;
            }
        }
    }

    public SweepJson Summary()
    {
        lock (_gate)
        {
            var counts = _trials.Values.GroupBy(t => t.Status).ToDictionary(g => g.Key, g => g.Count());
            var status = _status.WithCounts(_trials.Count, s => counts.GetValueOrDefault(s));
            var best = BestId() is { } id ? _trials[id].Metrics?.Value(status.Metric) : null;
            return DashboardSweeps.Json(status, best);
        }
    }

    /// <summary>The trial with its whole history and metrics; null when the sweep has no such trial.</summary>
    public TrialJson? Trial(string trialId)
    {
        lock (_gate)
        {
            return _trials.TryGetValue(trialId, out var trial) ? Row(trial, since: null) with { Metrics = trial.Metrics is { } m ? Api.MetricsJson.From(m) : null } : null;
        }
    }

    /// <summary>The best completed trial by the sweep's metric (ties: the smaller trial id, as the leaderboard ranks them).</summary>
    public string? BestId()
    {
        lock (_gate)
        {
            string? best = null;
            double bestValue = 0;
            foreach (var trial in _trials.Values)
            {
                if (trial.Status != TrialStatus.Completed || trial.Metrics?.Value(_status.Metric) is not { } value || double.IsNaN(value))
                {
                    continue;
                }

                var better = best is null || (_status.Maximize ? value > bestValue : value < bestValue)
                             || (value == bestValue && string.CompareOrdinal(trial.TrialId, best) < 0);
                if (better)
                {
                    (best, bestValue) = (trial.TrialId, value);
                }
            }

            return best;
        }
    }

    /// <summary>The finished trials' configurations and metric values, for parameter importance.</summary>
    public IReadOnlyList<(TrialConfig Config, double Value)> Finished()
    {
        lock (_gate)
        {
            return _trials.Values
                .Where(t => t.Status == TrialStatus.Completed && t.Config is not null && t.Metrics?.Value(_status.Metric) is { } v && double.IsFinite(v))
                .OrderBy(t => t.TrialId, StringComparer.Ordinal)
                .Select(t => (t.Config!, t.Metrics!.Value(_status.Metric)!.Value))
                .ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pump;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task Pump(SweepClient sweeps)
    {
        try
        {
            await foreach (var e in sweeps.WatchAsync(SweepId, 0, _stop.Token, lost => Disconnected = lost is not null))
            {
                lock (_gate)
                {
                    Apply(e);
                    Signal();
                }

                if (e.Kind == SweepEventKind.Snapshot)
                {
                    _ready.TrySetResult();
                }
            }

            lock (_gate)
            {
                _ended = true;
                Signal();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            _ready.TrySetCanceled();
        }
        catch (Exception e)
        {
            _ready.TrySetException(e);
            lock (_gate)
            {
                Disconnected = true;
                Signal();
            }
        }
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private void Apply(SweepEvent e)
    {
        var now = _time.GetUtcNow();
        _sequence = Math.Max(_sequence, e.Sequence);
        if (e.Sweep is { } sweep)
        {
            _status = sweep;
        }

        switch (e.Kind)
        {
            case SweepEventKind.Snapshot:
                _trials.Clear();
                _base = e.Sequence;
                foreach (var snapshot in e.Trials ?? [])
                {
                    var trial = Trial(snapshot.TrialId, e.Sequence);
                    (trial.Config, trial.Status, trial.Attempt, trial.Silo, trial.Device, trial.Bundle) =
                        (snapshot.Config, snapshot.Status, snapshot.Attempt, snapshot.Silo, snapshot.Device, snapshot.Bundle);
                    (trial.Metrics, trial.Reason, trial.StartedAt, trial.FinishedAt, trial.Epochs) =
                        (snapshot.Metrics, snapshot.Reason, snapshot.StartedAt, snapshot.FinishedAt, snapshot.Config?.Epochs ?? 0);
                    foreach (var epoch in snapshot.History)
                    {
                        trial.Report(epoch, e.Sequence);
                    }

                    if (snapshot.Metrics?.ValAccuracy is { } accuracy)
                    {
                        trial.ValAccuracy = accuracy;
                    }

                }

                _rateStart = null;
                break;
            case SweepEventKind.TrialStarted when e.TrialId is { } id:
                var started = Trial(id, e.Sequence);
                if (started.Config is null && e.Config is { } config)
                {
                    // A trial an adaptive search suggested after the snapshot.
                    (started.Config, started.Epochs) = (config, config.Epochs);
                }

                (started.Status, started.Attempt, started.Silo, started.Device, started.Bundle, started.StartedAt, started.Reason, started.FinishedAt) =
                    (TrialStatus.Running, e.Attempt, e.Silo, e.Device, e.Bundle, e.At, null, null);
                break;
            case SweepEventKind.EpochReported when e.TrialId is { } id && e.Epoch is { } epoch:
                var reported = Trial(id, e.Sequence);
                reported.Report(epoch, e.Sequence);
                if (reported.Status is TrialStatus.Pending or TrialStatus.Paused)
                {
                    reported.Status = TrialStatus.Running;
                }

                break;
            case SweepEventKind.TrialFinished when e.TrialId is { } id:
                var finished = Trial(id, e.Sequence);
                (finished.Status, finished.Reason, finished.FinishedAt) = (e.Status ?? TrialStatus.Completed, e.Reason, e.At);
                finished.Metrics = e.Metrics ?? finished.Metrics;
                finished.ValAccuracy = e.Metrics?.ValAccuracy ?? finished.ValAccuracy;
                break;
            case SweepEventKind.TrialRequeued when e.TrialId is { } id:
                var requeued = Trial(id, e.Sequence);
                (requeued.Status, requeued.Reason) = (TrialStatus.Pending, e.Reason);
                break;
            case SweepEventKind.TrialPaused when e.TrialId is { } id:
                var paused = Trial(id, e.Sequence);
                (paused.Status, paused.Reason) = (TrialStatus.Paused, e.Reason);
                break;
        }

        _rateStart ??= (now, EpochsDone());
    }

    private MonitoredTrial Trial(string trialId, long sequence)
    {
        if (!_trials.TryGetValue(trialId, out var trial))
        {
            trial = new MonitoredTrial(trialId);
            _trials[trialId] = trial;
        }

        trial.Changed = sequence;
        return trial;
    }

    private TrialJson Row(MonitoredTrial trial, long? since) => new()
    {
        TrialId = trial.TrialId,
        Label = _layout.Label(trial.Config),
        Config = _layout.Values(trial.Config),
        Status = trial.Status,
        Attempt = trial.Attempt,
        Epoch = trial.Epoch,
        Epochs = trial.Epochs,
        Loss = trial.Loss,
        ValAccuracy = trial.ValAccuracy,
        Value = trial.Status.IsTerminal() ? trial.Metrics?.Value(_status.Metric) : null,
        Silo = trial.Silo,
        Device = trial.Device,
        Bundle = trial.Bundle,
        Reason = trial.Reason,
        StartedAt = trial.StartedAt,
        FinishedAt = trial.FinishedAt,
        History = since is null ? [.. trial.History.Values.Select(h => MonitoredTrial.Point(h.Epoch))] : null,
        NewEpochs = since is { } cursor ? [.. trial.History.Values.Where(h => h.Sequence > cursor).Select(h => MonitoredTrial.Point(h.Epoch))] : null,
    };

    private double EpochsDone() => _trials.Values.Sum(t => t.Status.IsTerminal() ? Math.Max(1, t.Epochs) : t.Epoch);

    /// <summary>Remaining time at the rate epochs have finished since this monitor began; null until there is a rate.</summary>
    private double? EtaSeconds()
    {
        if (_status.State is SweepState.Completed or SweepState.Cancelled)
        {
            return 0;
        }

        var now = _time.GetUtcNow();
        var done = EpochsDone();
        if (_rateStart is not { } start || done <= start.Done || now <= start.At)
        {
            return null;
        }

        var rate = (done - start.Done) / (now - start.At).TotalSeconds;
        var total = _trials.Values.Sum(t => (double)Math.Max(1, t.Epochs));
        return Math.Round(Math.Max(0, total - done) / rate, 1);
    }
}
