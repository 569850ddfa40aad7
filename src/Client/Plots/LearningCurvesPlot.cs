using System.Globalization;
using ScottPlot;
using SkiaSharp;
using SweepGrid.Client.Results;
using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Plots;

/// <summary>plots/learning-curves.png: validation accuracy (left) and training loss (right) per epoch for the best trials, one
/// colour each, over the curves of the trials early stopping pruned, drawn faint and grey.</summary>
public static class LearningCurvesPlot
{
    public const int Width = 1400;
    public const int Height = 600;
    public const int MaxTrials = 5;
    public const int MaxPruned = 100;

    /// <summary>The trials best first; the first <see cref="MaxTrials"/> with an epoch history are drawn.</summary>
    public static PlotImage Render(IReadOnlyList<TrialSnapshot> ranked, IReadOnlyList<ConfigField> varying)
    {
        var shown = ranked.Where(t => t.History.Count > 0).Take(MaxTrials).ToList();
        if (shown.Count == 0)
        {
            throw new ArgumentException("no trial has an epoch history", nameof(ranked));
        }

        using var accuracy = PlotTheme.NewPlot($"Validation accuracy per epoch (top {shown.Count})", "epoch", "validation accuracy");
        using var loss = PlotTheme.NewPlot($"Training loss per epoch (top {shown.Count})", "epoch", "training loss");
        var pruned = ranked.Where(t => t.Status == TrialStatus.Pruned && t.History.Count > 0 && !shown.Contains(t)).Take(MaxPruned).ToList();
        var faint = Colors.Gray.WithAlpha(0.35);
        foreach (var trial in pruned)
        {
            var history = trial.History.OrderBy(e => e.Epoch).ToList();
            var validated = history.Where(e => e.ValidationAccuracy is { } v && double.IsFinite(v)).ToList();
            var trained = history.Where(e => double.IsFinite(e.TrainLoss)).ToList();
            var lines = new List<ScottPlot.Plottables.Scatter>();
            if (validated.Count > 0)
            {
                lines.Add(accuracy.Add.Scatter(validated.Select(e => (double)e.Epoch).ToArray(), validated.Select(e => e.ValidationAccuracy!.Value).ToArray(), faint));
            }

            if (trained.Count > 0)
            {
                lines.Add(loss.Add.Scatter(trained.Select(e => (double)e.Epoch).ToArray(), trained.Select(e => e.TrainLoss).ToArray(), faint));
            }

            foreach (var line in lines)
            {
                line.LineWidth = 1;
                line.MarkerSize = 3;
                line.LegendText = trial == pruned[0] ? $"pruned ({pruned.Count})" : "";
            }
        }

        for (var i = 0; i < shown.Count; i++)
        {
            var trial = shown[i];
            var color = PlotTheme.ColorOf(i);
            var label = $"#{i + 1} {Label(trial, varying)}";
            var history = trial.History.OrderBy(e => e.Epoch).ToList();

            var validated = history.Where(e => e.ValidationAccuracy is { } v && double.IsFinite(v)).ToList();
            if (validated.Count > 0)
            {
                var line = accuracy.Add.Scatter(validated.Select(e => (double)e.Epoch).ToArray(), validated.Select(e => e.ValidationAccuracy!.Value).ToArray(), color);
                line.LegendText = label;
                line.LineWidth = 2;
                line.MarkerSize = 6;
            }

            var trained = history.Where(e => double.IsFinite(e.TrainLoss)).ToList();
            if (trained.Count > 0)
            {
                var line = loss.Add.Scatter(trained.Select(e => (double)e.Epoch).ToArray(), trained.Select(e => e.TrainLoss).ToArray(), color);
                line.LegendText = label;
                line.LineWidth = 2;
                line.MarkerSize = 6;
            }
        }

        foreach (var plot in new[] { accuracy, loss })
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            plot.Legend.FontSize = 12;
        }

        accuracy.ShowLegend(Alignment.LowerRight);
        loss.ShowLegend(Alignment.UpperRight);

        // Each panel renders on a surface of its own (a plot paints its background over the whole canvas), then side by side.
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        surface.Canvas.Clear(SKColors.White);
        var half = Width / 2;
        var dataArea = default(SKRect);
        foreach (var (plot, left) in new[] { (accuracy, 0), (loss, half) })
        {
            using var panel = SKSurface.Create(new SKImageInfo(half, Height));
            plot.Render(panel);
            using var image = panel.Snapshot();
            surface.Canvas.DrawImage(image, left, 0);
            if (left == 0)
            {
                dataArea = PlotTheme.ToRect(plot.LastRender.DataRect);
            }
        }

        return new PlotImage(PlotTheme.Encode(surface), Width, Height, dataArea);
    }

    private static string Label(TrialSnapshot trial, IReadOnlyList<ConfigField> varying)
    {
        var text = trial.Config is { } config && varying.Count > 0 ? ConfigFields.Label(config, varying) : trial.TrialId[..Math.Min(8, trial.TrialId.Length)];
        return trial.Metrics?.ValAccuracy is { } v ? $"{text} ({v.ToString("F3", CultureInfo.InvariantCulture)})" : text;
    }
}
