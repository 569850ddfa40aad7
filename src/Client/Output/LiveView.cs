using System.Globalization;
using System.Text;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Output;

/// <summary>
/// Shows a sweep while it runs. On a terminal: a table redrawn in place (trial, configuration, status, epoch bar,
/// loss, validation accuracy, silo and device, and the sweep's ETA). Otherwise (a pipe, a log file): one line per
/// trial that starts, finishes or is requeued.
/// </summary>
public sealed class LiveView(TextWriter output, bool interactive)
{
    private const int BarWidth = 12;
    private int _drawnLines;
    private string? _lastNotice;

    public static bool IsTerminal(TextWriter output) =>
        output == Console.Out ? !Console.IsOutputRedirected : output == Console.Error && !Console.IsErrorRedirected;

    /// <summary>Called for every event; in line mode prints what the event changed.</summary>
    public void OnEvent(SweepEvent e, SweepView view)
    {
        if (interactive)
        {
            return;
        }

        var row = e.TrialId is { } id ? view.Rows.FirstOrDefault(r => r.TrialId == id) : null;
        var line = e.Kind switch
        {
            SweepEventKind.Snapshot when view.Status is { } s => $"sweep {s.Name} ({s.SweepId}): {s.Total} trials, {s.Finished} finished, {s.Running} running",
            SweepEventKind.TrialStarted when row is not null => $"started   {Short(row.TrialId)}  {view.Label(row.Config)}  attempt {row.Attempt} on {row.Silo}/{row.Device}",
            SweepEventKind.TrialFinished when row is not null => $"{row.Status.ToString().ToLowerInvariant(),-10}{Short(row.TrialId)}  {view.Label(row.Config)}  {Outcome(row)}  [{view.Status?.Finished}/{view.Status?.Total}]",
            SweepEventKind.TrialRequeued when row is not null => $"requeued  {Short(row.TrialId)}  {view.Label(row.Config)}  ({row.Reason})",
            SweepEventKind.TrialPaused when row is not null => $"paused    {Short(row.TrialId)}  {view.Label(row.Config)}  ({row.Reason})",
            _ => null,
        };
        if (line is not null)
        {
            output.WriteLine(line);
        }
    }

    /// <summary>Redraws the table (terminal only).</summary>
    public void Draw(SweepView view, DateTimeOffset now, string? notice = null)
    {
        if (!interactive)
        {
            // Line mode says when the connection is lost and when it is back, once each.
            if (notice != _lastNotice)
            {
                output.WriteLine(notice ?? "connection restored");
                _lastNotice = notice;
            }

            return;
        }

        var height = SafeWindowHeight();
        var lines = Table(view, now, Math.Max(5, height - 4), notice);
        var text = new StringBuilder();
        if (_drawnLines > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\u001b[{_drawnLines}F");
        }

        foreach (var line in lines)
        {
            text.Append("\u001b[2K").Append(line).Append('\n');
        }

        for (var i = lines.Count; i < _drawnLines; i++)
        {
            text.Append("\u001b[2K\n");
        }

        output.Write(text.ToString());
        output.Flush();
        _drawnLines = Math.Max(lines.Count, _drawnLines);
    }

    public static IReadOnlyList<string> Table(SweepView view, DateTimeOffset now, int maxRows, string? notice = null)
    {
        var lines = new List<string>();
        var status = view.Status;
        var eta = view.Eta(now) is { } left ? Duration(left) : "…";
        lines.Add(status is null
            ? "waiting for the sweep…"
            : FormattableString.Invariant($"sweep {status.Name} ({status.SweepId})  {status.Finished}/{status.Total} finished, {status.Running} running, {(status.Paused > 0 ? $"{status.Paused} paused, " : "")}{status.Pending} pending, {(status.Pruned > 0 ? $"{status.Pruned} pruned, " : "")}{status.Failed + status.Diverged} failed/diverged  {view.Progress:P0}  ETA {eta}"));
        if (notice is not null)
        {
            lines.Add(notice);
        }

        lines.Add($"{"TRIAL",-8}  {"CONFIGURATION",-34}  {"STATUS",-9}  {"EPOCH",-18}  {"LOSS",7}  {"VAL ACC",7}  SILO/DEVICE");
        var maximize = status?.Maximize ?? true;
        var metric = status?.Metric ?? "val_accuracy";
        var ordered = view.Rows
            .OrderBy(r => r.Status == TrialStatus.Running ? 0 : r.Status.IsTerminal() ? 1 : 2)
            .ThenBy(r => r.Status == TrialStatus.Running ? r.StartedAt : null)
            .ThenBy(r => r.Metrics?.Value(metric) is { } v ? (maximize ? -v : v) : double.MaxValue)
            .ThenBy(r => r.TrialId, StringComparer.Ordinal)
            .ToList();
        var shown = ordered.Where(r => r.Status != TrialStatus.Pending).Take(maxRows).ToList();
        foreach (var row in shown)
        {
            var label = view.Label(row.Config);
            lines.Add(FormattableString.Invariant(
                $"{Short(row.TrialId),-8}  {Fit(label, 34),-34}  {row.Status.ToString().ToLowerInvariant(),-9}  {Bar(row),-18}  {Number(row.Loss, "F4"),7}  {Number(row.ValAccuracy, "F4"),7}  {row.Silo}/{row.Device}"));
        }

        var hidden = ordered.Count - shown.Count;
        if (hidden > 0)
        {
            lines.Add($"… and {hidden} more ({ordered.Count(r => r.Status == TrialStatus.Pending)} pending)");
        }

        return lines;
    }

    public static string Short(string trialId) => trialId.Length > 8 ? trialId[..8] : trialId;

    public static string Duration(TimeSpan time) => time.TotalHours >= 1
        ? $"{(int)time.TotalHours}h {time.Minutes:D2}m"
        : time.TotalMinutes >= 1 ? $"{(int)time.TotalMinutes}m {time.Seconds:D2}s" : $"{Math.Max(0, (int)Math.Ceiling(time.TotalSeconds))}s";

    private static string Outcome(TrialRow row) => row.Status switch
    {
        TrialStatus.Completed => FormattableString.Invariant($"val_acc {Number(row.Metrics?.ValAccuracy, "F4")}  test_acc {Number(row.Metrics?.TestAccuracy, "F4")}"),
        TrialStatus.Pruned => FormattableString.Invariant($"val_acc {Number(row.Metrics?.ValAccuracy ?? row.ValAccuracy, "F4")} at epoch {row.Epoch}  ({row.Reason})"),
        _ => row.Reason ?? "",
    };

    private static string Bar(TrialRow row)
    {
        var total = Math.Max(1, row.TotalEpochs);
        var done = row.Status == TrialStatus.Completed ? total : Math.Min(row.Epoch, total);
        var filled = (int)Math.Round(BarWidth * (double)done / total);
        return $"{new string('#', filled)}{new string('.', BarWidth - filled)} {done}/{total}";
    }

    private static string Number(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    private static int SafeWindowHeight()
    {
        try
        {
            return Console.WindowHeight > 0 ? Console.WindowHeight : 40;
        }
        catch (IOException)
        {
            return 40;
        }
    }
}
