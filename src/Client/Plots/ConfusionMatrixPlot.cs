using System.Globalization;
using ScottPlot;

namespace SweepGrid.Client.Plots;

/// <summary>
/// plots/confusion-matrix.png: the test confusion matrix as a heatmap (rows: true class, top to bottom; columns: predicted
/// class, left to right), class names on both axes, the count in every cell. The data area is exactly the n × n cells.
/// </summary>
public static class ConfusionMatrixPlot
{
    public const int Width = 900;
    public const int Height = 800;

    public static PlotImage Render(IReadOnlyList<IReadOnlyList<long>> counts, IReadOnlyList<string> classNames, string title)
    {
        var n = counts.Count;
        if (n == 0 || counts.Any(r => r.Count != n))
        {
            throw new ArgumentException("the confusion matrix must be square and not empty", nameof(counts));
        }

        var names = Enumerable.Range(0, n).Select(i => i < classNames.Count ? classNames[i] : i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var intensities = new double[n, n];
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                intensities[r, c] = counts[r][c];
            }
        }

        using var plot = PlotTheme.NewPlot(title, "predicted class", "true class");
        var heatmap = plot.Add.Heatmap(intensities);
        // Row 0 at the top, like a printed matrix: cell (r, c) is centred at x = c, y = n - 1 - r.
        heatmap.Rectangle = new CoordinateRect(-0.5, n - 0.5, -0.5, n - 0.5);
        var max = Math.Max(1, counts.SelectMany(r => r).Max());
        heatmap.ManualRange = new ScottPlot.Range(0, max);
        // Light for few, dark blue for many; set after the range, and the cell bitmap rebuilt with it.
        heatmap.Colormap = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues());
        heatmap.Update();
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = "count";

        var cellFont = n <= 10 ? 14 : n <= 20 ? 10 : 7;
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                var text = plot.Add.Text(counts[r][c].ToString(CultureInfo.InvariantCulture), c, n - 1 - r);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontSize = cellFont;
                text.LabelFontColor = counts[r][c] > max * 0.5 ? Colors.White : Colors.Black;
            }
        }

        var ticks = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(ticks, names);
        // Slanted like matplotlib's rotation=45, ha="right": each name ends under its column.
        plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.UpperRight;
        plot.Axes.Bottom.MinimumSize = 30 + 0.7f * names.Max(name => name.Length) * 8;
        plot.Axes.Left.SetTicks(ticks.Select(t => n - 1 - t).ToArray(), names);
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.HideGrid();
        return PlotTheme.Render(plot, Width, Height);
    }
}
