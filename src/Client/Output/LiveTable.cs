using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Output;

/// <summary>
/// The live terminal picture of a sweep, made from its view alone: a heading with the counts and the ETA, a meter of
/// the trials by outcome, and a table of the trials (running first, then finished by the sweep's metric), each running
/// one with its epoch bar.
/// </summary>
public static class LiveTable
{
    private const int EpochBarWidth = 10;
    private const int LabelWidth = 34;

    /// <summary>The sweep as it stands at <paramref name="now"/>, with at most <paramref name="maxRows"/> trial rows.</summary>
    public static IRenderable Render(SweepView view, DateTimeOffset now, int maxRows, string? notice = null)
    {
        var parts = new List<IRenderable>();
        if (view.Status is not { } status)
        {
            parts.Add(new Markup("[grey]waiting for the sweep…[/]"));
            if (notice is not null)
            {
                parts.Add(new Markup($"[yellow]{Markup.Escape(notice)}[/]"));
            }

            return new Rows(parts);
        }

        var eta = view.Eta(now) is { } left ? LiveView.Duration(left) : "…";
        parts.Add(new Markup(FormattableString.Invariant(
            $"[bold]sweep {Markup.Escape(status.Name)}[/] ({Markup.Escape(status.SweepId)})  {status.Finished}/{status.Total} finished, {status.Running} running  {view.Progress:P0}  ETA {eta}")));
        if (notice is not null)
        {
            parts.Add(new Markup($"[yellow]{Markup.Escape(notice)}[/]"));
        }

        parts.Add(Meter(view));
        parts.Add(Trials(view, maxRows));
        return new Rows(parts);
    }

    /// <summary>The colour a status is shown in, here and in the meter.</summary>
    public static Color ColorOf(TrialStatus status) => status switch
    {
        TrialStatus.Running => Color.DodgerBlue1,
        TrialStatus.Completed => Color.Green,
        TrialStatus.Paused => Color.Aqua,
        TrialStatus.Pruned => Color.Yellow,
        TrialStatus.Failed => Color.Red,
        TrialStatus.Diverged => Color.Fuchsia,
        TrialStatus.Cancelled => Color.Grey,
        _ => Color.Grey39,
    };

    /// <summary>Every trial of the sweep in one bar, by status (pending last), with the count of each.</summary>
    private static IRenderable Meter(SweepView view)
    {
        var chart = new BreakdownChart().ShowTagValues().UseValueFormatter(v => v.ToString("0", CultureInfo.InvariantCulture));
        TrialStatus[] order = [TrialStatus.Completed, TrialStatus.Pruned, TrialStatus.Diverged, TrialStatus.Failed, TrialStatus.Cancelled, TrialStatus.Running, TrialStatus.Paused, TrialStatus.Pending];
        foreach (var status in order)
        {
            var count = view.Rows.Count(r => r.Status == status);
            if (count > 0)
            {
                chart.AddItem(Name(status), count, ColorOf(status));
            }
        }

        return chart;
    }

    private static Table Trials(SweepView view, int maxRows)
    {
        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey);
        table.AddColumn(new TableColumn("TRIAL").NoWrap());
        table.AddColumn(new TableColumn("CONFIGURATION"));
        table.AddColumn(new TableColumn("STATUS").NoWrap());
        table.AddColumn(new TableColumn("EPOCH").NoWrap());
        table.AddColumn(new TableColumn("LOSS").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("VAL ACC").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("SILO/DEVICE"));

        var ordered = Ordered(view);
        var shown = ordered.Where(r => r.Status != TrialStatus.Pending).Take(Math.Max(1, maxRows)).ToList();
        foreach (var row in shown)
        {
            table.AddRow(
                new Text(LiveView.Short(row.TrialId)),
                new Text(Fit(view.Label(row.Config), LabelWidth)),
                new Markup($"[{ColorOf(row.Status).ToMarkup()}]{Name(row.Status)}[/]"),
                new Markup(EpochBar(row)),
                new Text(Number(row.Loss)),
                new Text(Number(row.Metrics?.ValAccuracy ?? row.ValAccuracy)),
                new Text(Where(row)));
        }

        var hidden = ordered.Count - shown.Count;
        if (hidden > 0)
        {
            table.Caption($"… and {hidden} more ({ordered.Count(r => r.Status == TrialStatus.Pending)} pending)");
        }

        return table;
    }

    /// <summary>Running trials first (oldest start first), then finished ones best first, then paused; pending ones are only counted.</summary>
    private static List<TrialRow> Ordered(SweepView view)
    {
        var maximize = view.Status?.Maximize ?? true;
        var metric = view.Status?.Metric ?? "val_accuracy";
        return view.Rows
            .OrderBy(r => r.Status == TrialStatus.Running ? 0 : r.Status.IsTerminal() ? 1 : 2)
            .ThenBy(r => r.Status == TrialStatus.Running ? r.StartedAt : null)
            .ThenBy(r => r.Metrics?.Value(metric) is { } v ? (maximize ? -v : v) : double.MaxValue)
            .ThenBy(r => r.TrialId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>"epoch 3/5 ▇▇▇▇▇▇░░░░": filled in the status colour.</summary>
    private static string EpochBar(TrialRow row)
    {
        var total = Math.Max(1, row.TotalEpochs);
        var done = row.Status == TrialStatus.Completed ? total : Math.Min(row.Epoch, total);
        var filled = (int)Math.Round(EpochBarWidth * (double)done / total);
        var color = ColorOf(row.Status).ToMarkup();
        return FormattableString.Invariant($"{done}/{total} [{color}]{new string('▇', filled)}[/][grey]{new string('░', EpochBarWidth - filled)}[/]");
    }

    /// <summary>Where the trial runs; a trial trained fused with others is marked with its bundle.</summary>
    private static string Where(TrialRow row)
    {
        var where = row.Silo is null ? "" : $"{row.Silo}/{row.Device}";
        return row.Bundle is { } bundle ? $"{where} bundle {bundle}" : where;
    }

    private static string Name(TrialStatus status) => status.ToString().ToLowerInvariant();

    private static string Number(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
