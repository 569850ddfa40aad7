using System.Buffers;
using Microsoft.Extensions.Logging;
using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Dispatch;
using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;
using SweepGrid.Silo.Workers;
using SweepGrid.Trainer.Runner;
using SweepGrid.Trainer.TensorBoard;

namespace SweepGrid.Silo.TensorBoard;

/// <summary>
/// One attempt's TensorBoard events, in a file of its own in the trial's folder: the trial's configuration as the HParams
/// plugin's session start, every epoch's scalars at the epoch's number (so a resumed attempt continues the curves where
/// the last checkpoint left them), the test metrics of a completed trial, and the session's end once the trial has an
/// outcome no later attempt changes. A write that fails logs one warning and ends the log; the trial goes on.
/// </summary>
public sealed class TrialEventLog : IDisposable
{
    private static readonly SearchValues<char> SafeChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    private readonly TrialLease _lease;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private EventFileWriter? _writer;
    private int _lastEpoch;

    private TrialEventLog(TrialLease lease, TimeProvider time, ILogger logger)
    {
        _lease = lease;
        _time = time;
        _logger = logger;
    }

    /// <summary>The file this attempt writes; null once a write failed.</summary>
    public string? Path => _writer?.Path;

    /// <summary>Opens the attempt's event file in <paramref name="folder"/> and writes the session start.</summary>
    public static TrialEventLog Open(string folder, TrialLease lease, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(time);
        var log = new TrialEventLog(lease, time, logger);
        var now = time.GetUtcNow();
        try
        {
            log._writer = EventFileWriter.Create(folder, now);
        }
        catch (Exception e)
        {
            log.Disable(e);
        }

        log.Write(writer => writer.AddSessionStart(HParams(lease.Config), now));
        return log;
    }

    /// <summary>The trial's folder under <paramref name="root"/>: its short id, optimizer, learning rate and dropout, as in
    /// 9c56ac9a-adam-lr0.001-dropout0.2, below a folder for its sweep unless the root is the sweep's own.</summary>
    public static string FolderFor(string root, bool perSweep, TrialLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var config = lease.Config;
        var trial = Safe($"{lease.TrialId[..Math.Min(8, lease.TrialId.Length)]}-{config.Optimizer}-lr{ConfigCatalog.LearningRate.Text(config)}-dropout{ConfigCatalog.Dropout.Text(config)}");
        return perSweep ? System.IO.Path.Combine(root, Safe(lease.SweepId), trial) : System.IO.Path.Combine(root, trial);
    }

    /// <summary>The configuration as the HParams plugin shows it: numbers, flags, and the rest as text ([128,64,32]); a
    /// field without a value (no train limit) is left out.</summary>
    public static IReadOnlyList<KeyValuePair<string, HParamValue>> HParams(TrialConfig config) =>
        ConfigCatalog.All
            .Select(field => (field.Name, Value: field.Get(config)))
            .Where(f => f.Value is not null)
            .Select(f => KeyValuePair.Create(f.Name, f.Value!.Kind switch
            {
                ParameterValueKind.Real => HParamValue.Of(f.Value.Real),
                ParameterValueKind.Integer => HParamValue.Of(f.Value.Integer),
                ParameterValueKind.Flag => HParamValue.Of(f.Value.Flag),
                _ => HParamValue.Of(f.Value.ToString()),
            }))
            .ToList();

    public void Epoch(EpochMetrics epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        _lastEpoch = epoch.Epoch;
        Write(writer => AddScalars(writer, epoch.Epoch,
        [
            ("loss/train", epoch.TrainLoss),
            ("accuracy/train", epoch.TrainAccuracy),
            ("loss/val", epoch.ValidationLoss),
            ("accuracy/val", epoch.ValidationAccuracy),
            ("learning_rate", epoch.LearningRate),
            ("samples_per_second", epoch.SamplesPerSecond),
            ("epoch_seconds", epoch.DurationSeconds),
        ]));
    }

    /// <summary>A completed trial's test metrics at its last epoch and its end (success); a diverged trial's end (failure).
    /// An attempt stopped or handed back writes no end: the trial may go on in a later attempt (paused at a rung, or
    /// requeued), and TensorBoard keeps the first status it reads.</summary>
    public void End(ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var status = result.Outcome switch
        {
            TrialOutcome.Completed => SessionStatus.Success,
            TrialOutcome.Diverged => SessionStatus.Failure,
            _ => SessionStatus.Unknown,
        };
        if (status == SessionStatus.Unknown)
        {
            return;
        }

        var step = result.History.Count > 0 ? result.History[^1].Epoch : _lastEpoch;
        Write(writer =>
        {
            if (result.Metrics is { } metrics)
            {
                AddScalars(writer, step,
                [
                    ("loss/test", metrics.TestLoss),
                    ("accuracy/test", metrics.TestAccuracy),
                    ("macro_f1/test", metrics.TestMacroF1),
                    ("macro_f1/val", metrics.ValMacroF1),
                ]);
            }

            writer.AddSessionEnd(status, step, _time.GetUtcNow());
        });
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private void AddScalars(EventFileWriter writer, int step, IEnumerable<(string Tag, double? Value)> scalars)
    {
        var now = _time.GetUtcNow();
        foreach (var (tag, value) in scalars)
        {
            if (value is { } present)
            {
                writer.AddScalar(tag, step, present, now);
            }
        }
    }

    private void Write(Action<EventFileWriter> write)
    {
        if (_writer is null)
        {
            return;
        }

        try
        {
            write(_writer);
        }
        catch (Exception e)
        {
            Disable(e);
        }
    }

    // TensorBoard's files are a view of the trial, never a reason for it to fail: one warning, and no more writes.
    private void Disable(Exception e)
    {
        _logger.LogWarning("TensorBoard events of trial {TrialId} attempt {Attempt} are not written any more: {Error}",
            _lease.TrialId, _lease.Attempt, e.Message);
        Dispose();
    }

    private static string Safe(string name) =>
        name.AsSpan().ContainsAnyExcept(SafeChars) ? string.Concat(name.Select(c => SafeChars.Contains(c) ? c : '_')) : name;
}
