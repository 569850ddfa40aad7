using SweepGrid.Client.Results;
using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Output;

/// <summary>
/// A sweep as its event stream describes it: one row per trial, the sweep's counts, and an ETA from the rate at
/// which epochs have been finishing since this view started watching.
/// </summary>
public sealed class SweepView
{
    private readonly Dictionary<string, TrialRow> _rows = new(StringComparer.Ordinal);
    private (DateTimeOffset At, double Done)? _first;
    private (DateTimeOffset At, double Done)? _last;
    private IReadOnlyList<ConfigField> _varying = [];

    public SweepStatus? Status { get; private set; }

    public bool Finished => Status?.State is SweepState.Completed or SweepState.Cancelled;

    /// <summary>"adam lr=0.001 dropout=0.2": the fields that vary across the sweep.</summary>
    public string Label(TrialConfig? config) => config is null ? "?" : ConfigFields.Label(config, _varying) is { Length: > 0 } label ? label : config.Optimizer;

    public IReadOnlyCollection<TrialRow> Rows => _rows.Values;

    public void Apply(SweepEvent e, DateTimeOffset now)
    {
        if (e.Sweep is { } sweep)
        {
            Status = sweep;
        }

        switch (e.Kind)
        {
            case SweepEventKind.Snapshot:
                _rows.Clear();
                foreach (var trial in e.Trials ?? [])
                {
                    var row = Row(trial.TrialId);
                    row.Config = trial.Config;
                    row.Status = trial.Status;
                    row.Attempt = trial.Attempt;
                    row.Silo = trial.Silo;
                    row.Device = trial.Device;
                    row.Bundle = trial.Bundle;
                    row.Metrics = trial.Metrics;
                    row.Reason = trial.Reason;
                    row.StartedAt = trial.StartedAt;
                    row.TotalEpochs = trial.Config?.Epochs ?? 0;
                    if (trial.History.Count > 0)
                    {
                        var last = trial.History[^1];
                        (row.Epoch, row.Loss, row.ValAccuracy) = (last.Epoch, last.TrainLoss, last.ValidationAccuracy);
                    }
                }

                _varying = ConfigFields.Varying(_rows.Values.Where(r => r.Config is not null).Select(r => r.Config!));
                break;
            case SweepEventKind.TrialStarted when e.TrialId is { } id:
                var started = Row(id);
                if (started.Config is null && e.Config is { } config)
                {
                    // A trial an adaptive search suggested after the first snapshot.
                    (started.Config, started.TotalEpochs) = (config, config.Epochs);
                    _varying = ConfigFields.Varying(_rows.Values.Where(r => r.Config is not null).Select(r => r.Config!));
                }

                (started.Status, started.Attempt, started.Silo, started.Device, started.Bundle, started.StartedAt, started.Reason) =
                    (TrialStatus.Running, e.Attempt, e.Silo, e.Device, e.Bundle, e.At, null);
                break;
            case SweepEventKind.EpochReported when e.TrialId is { } id && e.Epoch is { } epoch:
                var reported = Row(id);
                (reported.Epoch, reported.TotalEpochs, reported.Loss, reported.ValAccuracy) = (epoch.Epoch, epoch.TotalEpochs, epoch.TrainLoss, epoch.ValidationAccuracy);
                break;
            case SweepEventKind.TrialFinished when e.TrialId is { } id:
                var finished = Row(id);
                finished.Status = e.Status ?? TrialStatus.Completed;
                finished.Metrics = e.Metrics ?? finished.Metrics;
                finished.Reason = e.Reason;
                finished.ValAccuracy = e.Metrics?.ValAccuracy ?? finished.ValAccuracy;
                break;
            case SweepEventKind.TrialRequeued when e.TrialId is { } id:
                var requeued = Row(id);
                (requeued.Status, requeued.Reason) = (TrialStatus.Pending, e.Reason);
                break;
            case SweepEventKind.TrialPaused when e.TrialId is { } id:
                var paused = Row(id);
                (paused.Status, paused.Reason) = (TrialStatus.Paused, e.Reason);
                break;
        }

        if (e.Kind != SweepEventKind.Snapshot && e.Kind != SweepEventKind.SweepFinished)
        {
            Status = Recount();
        }

        var done = EpochsDone();
        _first ??= (now, done);
        _last = (now, done);
    }

    /// <summary>Share of all epochs of the sweep finished, counting finished trials whole.</summary>
    public double Progress
    {
        get
        {
            var total = _rows.Values.Sum(r => (double)Math.Max(1, r.TotalEpochs));
            return total == 0 ? 0 : EpochsDone() / total;
        }
    }

    /// <summary>Remaining time at the epoch rate seen since watching began; null until there is a rate.</summary>
    public TimeSpan? Eta(DateTimeOffset now)
    {
        if (Finished)
        {
            return TimeSpan.Zero;
        }

        if (_first is not { } first || _last is not { } last || last.Done <= first.Done || now <= first.At)
        {
            return null;
        }

        var rate = (last.Done - first.Done) / (now - first.At).TotalSeconds;
        var total = _rows.Values.Sum(r => (double)Math.Max(1, r.TotalEpochs));
        return TimeSpan.FromSeconds(Math.Max(0, total - last.Done) / rate);
    }

    private double EpochsDone() => _rows.Values.Sum(r => r.Status.IsTerminal() ? Math.Max(1, r.TotalEpochs) : r.Epoch);

    private SweepStatus? Recount()
    {
        if (Status is not { } status)
        {
            return null;
        }

        return status.WithCounts(_rows.Count, s => _rows.Values.Count(r => r.Status == s));
    }

    private TrialRow Row(string trialId)
    {
        if (!_rows.TryGetValue(trialId, out var row))
        {
            row = new TrialRow(trialId);
            _rows[trialId] = row;
        }

        return row;
    }
}
