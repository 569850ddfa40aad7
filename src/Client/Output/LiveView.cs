using System.Globalization;
using Spectre.Console;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Output;

/// <summary>
/// Shows a sweep while it runs. On a terminal: Spectre.Console's live display of <see cref="LiveTable"/>, redrawn in
/// place. Otherwise (a pipe, a log file, TERM=dumb): one line per trial that starts, finishes, pauses or is requeued.
/// NO_COLOR keeps the live table and drops only its colours.
/// </summary>
public sealed class LiveView
{
    // The table's heading, meter, borders, header and caption.
    private const int ChromeLines = 9;
    private readonly TextWriter _output;
    private readonly IAnsiConsole? _console;
    private LiveDisplayContext? _live;
    private string? _lastNotice;

    public LiveView(TextWriter output, bool interactive)
    {
        _output = output;
        _console = interactive
            ? AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output),
                Ansi = AnsiSupport.Yes,
                ColorSystem = ColorSystemSupport.Detect,
                Interactive = InteractionSupport.Yes,
            })
            : null;
    }

    /// <summary>Whether the live table can be drawn on <paramref name="output"/>: a terminal that understands cursor movement.</summary>
    public static bool IsTerminal(TextWriter output) =>
        (output == Console.Out ? !Console.IsOutputRedirected : output == Console.Error && !Console.IsErrorRedirected)
        && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>Runs <paramref name="follow"/> with the live display on screen (terminal only); its last picture stays.</summary>
    public async Task<T> ShowAsync<T>(Func<Task<T>> follow)
    {
        if (_console is null)
        {
            return await follow();
        }

        return await _console.Live(new Markup("[grey]waiting for the sweep…[/]"))
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Bottom)
            .StartAsync(async context =>
            {
                _live = context;
                try
                {
                    return await follow();
                }
                finally
                {
                    _live = null;
                }
            });
    }

    /// <summary>Called for every event; in line mode prints what the event changed.</summary>
    public void OnEvent(SweepEvent e, SweepView view)
    {
        if (_console is not null)
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
            _output.WriteLine(line);
        }
    }

    /// <summary>Redraws the live table (terminal); in line mode says once when the connection is lost and once when it is back.</summary>
    public void Draw(SweepView view, DateTimeOffset now, string? notice = null)
    {
        if (_console is null)
        {
            if (notice != _lastNotice)
            {
                _output.WriteLine(notice ?? "connection restored");
                _lastNotice = notice;
            }

            return;
        }

        if (_live is { } live)
        {
            live.UpdateTarget(LiveTable.Render(view, now, Math.Max(3, _console.Profile.Height - ChromeLines), notice));
            live.Refresh();
        }
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

    private static string Number(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
