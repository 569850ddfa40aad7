using System.Globalization;
using ScottPlot;
using SweepGrid.Client.Results;
using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Plots;

/// <summary>plots/val-accuracy.png: one bar per configuration, grouped and coloured by optimizer, labelled with the other varying fields.</summary>
public static class ValidationAccuracyPlot
{
    public const int Width = 1000;
    public const int Height = 600;

    /// <summary>The trials must be completed with a validation accuracy and a configuration.</summary>
    public static PlotImage Render(IReadOnlyList<TrialSnapshot> trials, IReadOnlyList<ConfigField> varying, string sweepName)
    {
        var shown = trials.Where(t => t.Config is not null && t.Metrics?.ValAccuracy is { } v && double.IsFinite(v)).ToList();
        if (shown.Count == 0)
        {
            throw new ArgumentException("no trial has a validation accuracy", nameof(trials));
        }

        var others = varying.Where(f => f.Name != "optimizer").ToList();
        var groups = shown.GroupBy(t => t.Config!.Optimizer, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var many = shown.Count > 10;
        using var plot = PlotTheme.NewPlot(Title(sweepName), "configuration (grouped by optimizer)", "validation accuracy");

        var bars = new List<Bar>();
        var positions = new List<double>();
        var labels = new List<string>();
        var position = 0.0;
        for (var g = 0; g < groups.Count; g++)
        {
            var color = PlotTheme.ColorOf(g);
            var ordered = groups[g].Order(ByFields(others));
            foreach (var trial in ordered)
            {
                var value = trial.Metrics!.ValAccuracy!.Value;
                bars.Add(new Bar
                {
                    Position = position,
                    Value = value,
                    FillColor = color,
                    LineWidth = 0,
                    Size = 0.8,
                    Label = many ? "" : value.ToString("F3", CultureInfo.InvariantCulture),
                });
                positions.Add(position);
                labels.Add(BarLabel(trial, others, many));
                position += 1;
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = groups[g].Key, FillColor = color });
            position += 0.6; // a gap between optimizer groups
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 12;
        plot.Axes.Bottom.SetTicks(positions.ToArray(), labels.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = many ? 10 : 12;
        if (many)
        {
            // Slanted, each label ending under its bar, with room below for the longest one.
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.UpperRight;
            plot.Axes.Bottom.MinimumSize = 30 + 0.7f * labels.Max(label => label.Length) * 7;
        }

        var top = shown.Max(t => t.Metrics!.ValAccuracy!.Value);
        plot.Axes.SetLimitsY(0, Math.Max(0.1, top) * 1.12);
        plot.Axes.SetLimitsX(-0.7, position - 0.6 - 0.3);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.Legend.FontSize = 13;
        plot.ShowLegend(Edge.Right);
        return PlotTheme.Render(plot, Width, Height);
    }

    private static string Title(string sweepName) =>
        string.IsNullOrWhiteSpace(sweepName) ? "Validation accuracy by configuration" : $"Validation accuracy by configuration — {sweepName}";

    private static string BarLabel(TrialSnapshot trial, IReadOnlyList<ConfigField> others, bool oneLine)
    {
        if (others.Count == 0)
        {
            return trial.TrialId.Length > 8 ? trial.TrialId[..8] : trial.TrialId;
        }

        var parts = others.Select(f => f.Label.Length == 0 ? f.Text(trial.Config!) : $"{f.Label}={f.Text(trial.Config!)}");
        return string.Join(oneLine ? " " : "\n", parts);
    }

    // Orders bars by the varying fields, numerically where a field is a number, so lr 0.0001 comes before 0.001 before 0.01.
    private static Comparer<TrialSnapshot> ByFields(IReadOnlyList<ConfigField> fields) => Comparer<TrialSnapshot>.Create((a, b) =>
    {
        foreach (var field in fields)
        {
            var (x, y) = (field.Text(a.Config!), field.Text(b.Config!));
            var order = double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var u) &&
                        double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? u.CompareTo(v)
                : string.CompareOrdinal(x, y);
            if (order != 0)
            {
                return order;
            }
        }

        return string.CompareOrdinal(a.TrialId, b.TrialId);
    });
}
