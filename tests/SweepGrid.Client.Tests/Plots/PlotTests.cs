using SkiaSharp;
using SweepGrid.Client.Plots;
using SweepGrid.Client.Results;
using SweepGrid.TestData;

namespace SweepGrid.Client.Tests.Plots;

public sealed class PlotTests : IDisposable
{
    private readonly TempFolder _temp = new("sweepgrid-plots");

    [Fact]
    public void Validation_accuracy_bars_come_in_one_colour_per_optimizer_with_a_readable_title()
    {
        var written = ResultsWriter.Write(_temp.Combine("out"), SampleSweep.Results("/nonexistent/dataset"));

        using var bitmap = Pixels.Decode(written.PathOf("plots/val-accuracy.png"));
        Assert.Equal((ValidationAccuracyPlot.Width, ValidationAccuracyPlot.Height), (bitmap.Width, bitmap.Height));

        // Re-render to learn where the data area is; the file must be the same picture.
        var ranked = TrialRanking.Completed(SampleSweep.Results());
        var image = ValidationAccuracyPlot.Render(ranked, ConfigFields.Varying(ranked.Select(t => t.Config!)), "optimizers");
        var row = (int)(image.DataArea.Bottom - 8);
        var runs = ColourRuns(bitmap, row, (int)image.DataArea.Left, (int)image.DataArea.Right);
        Assert.Equal(5, runs.Count);
        Assert.Equal(3, runs.Select(r => r.Colour).Distinct().Count());
        // Bars of one optimizer sit side by side, groups in name order: adam, adam | rmsprop | sgd, sgd.
        Assert.Equal(runs[0].Colour, runs[1].Colour);
        Assert.NotEqual(runs[1].Colour, runs[2].Colour);
        Assert.Equal(runs[3].Colour, runs[4].Colour);

        // The title band holds text: dark glyph pixels above the data area.
        Assert.True(Pixels.DarkPixels(bitmap, new SKRectI(0, 0, bitmap.Width, (int)image.DataArea.Top - 2)) > 200, "the title did not render: are fonts installed?");
        // Tick labels under the bars are drawn too.
        Assert.True(Pixels.DarkPixels(bitmap, new SKRectI((int)image.DataArea.Left, (int)image.DataArea.Bottom + 4, (int)image.DataArea.Right, bitmap.Height)) > 200);
    }

    [Fact]
    public void Confusion_matrix_cells_are_darker_on_the_diagonal_and_labelled()
    {
        var metrics = SampleSweep.Metrics(0.9);
        var image = ConfusionMatrixPlot.Render(metrics.ConfusionMatrix, metrics.ClassNames, "Test confusion matrix");
        var path = _temp.Combine("cm.png");
        File.WriteAllBytes(path, image.Png);

        using var bitmap = Pixels.Decode(path);
        Assert.Equal((ConfusionMatrixPlot.Width, ConfusionMatrixPlot.Height), (bitmap.Width, bitmap.Height));
        var n = metrics.ConfusionMatrix.Count;
        var cellWidth = image.DataArea.Width / n;
        var cellHeight = image.DataArea.Height / n;

        // A point in the cell's corner, away from the count written in its middle.
        SKColor Cell(int row, int column) => bitmap.GetPixel(
            (int)(image.DataArea.Left + (column + 0.15f) * cellWidth),
            (int)(image.DataArea.Top + (row + 0.15f) * cellHeight));

        for (var i = 0; i < n; i++)
        {
            var diagonal = Cell(i, i);
            var zero = Cell(i, (i + 5) % n);
            Assert.True(Pixels.Brightness(diagonal) + 80 < Pixels.Brightness(zero), $"row {i}: diagonal {diagonal} is not darker than zero cell {zero}");
            Assert.True(Pixels.Saturation(diagonal) > Pixels.Saturation(zero) + 40, $"row {i}: diagonal {diagonal} is not more saturated than {zero}");
        }

        // Class names along the left axis: text left of the cells.
        Assert.True(Pixels.DarkPixels(bitmap, new SKRectI(0, (int)image.DataArea.Top, (int)image.DataArea.Left - 4, (int)image.DataArea.Bottom)) > 300);
    }

    [Fact]
    public void Learning_curves_draw_one_colour_per_top_trial()
    {
        var ranked = TrialRanking.Completed(SampleSweep.Results());
        var image = LearningCurvesPlot.Render(ranked, ConfigFields.Varying(ranked.Select(t => t.Config!)));
        var path = _temp.Combine("curves.png");
        File.WriteAllBytes(path, image.Png);

        using var bitmap = Pixels.Decode(path);
        Assert.Equal((LearningCurvesPlot.Width, LearningCurvesPlot.Height), (bitmap.Width, bitmap.Height));
        var area = SKRectI.Truncate(image.DataArea);
        for (var i = 0; i < ranked.Count; i++)
        {
            var colour = PlotTheme.ColorOf(i);
            var expected = new SKColor(colour.R, colour.G, colour.B);
            var count = 0;
            for (var y = area.Top; y < area.Bottom; y++)
            {
                for (var x = area.Left; x < area.Right; x++)
                {
                    count += Pixels.Near(bitmap.GetPixel(x, y), expected, 30) ? 1 : 0;
                }
            }

            Assert.True(count > 200, $"trial #{i + 1}'s colour {expected} covers only {count} pixels of the accuracy panel");
        }

        // The right half (training loss) is a plot of its own, not blank.
        Assert.True(Pixels.DarkPixels(bitmap, new SKRectI(bitmap.Width / 2, 0, bitmap.Width, bitmap.Height)) > 500);
    }

    [Fact]
    public void Samples_show_each_class_pattern_in_its_row_for_a_grayscale_idx_dataset()
    {
        var dataset = SyntheticImages.WriteIdxFolder(_temp.Combine("digits"), trainCount: 200, testCount: 20);
        var written = ResultsWriter.Write(_temp.Combine("out"), SampleSweep.Results(dataset));

        using var bitmap = Pixels.Decode(written.PathOf("plots/samples.png"));
        var layout = new SampleGridLayout(10, SampleGridPlot.PerClass, 28, 28);
        Assert.Equal((layout.Width, layout.Height), (bitmap.Width, bitmap.Height));
        // SyntheticImages lights a 7×7 block per class (row label / 4, column label % 4, in blocks) over darker noise.
        for (var label = 0; label < 10; label++)
        {
            var (blockY, blockX) = (label / 4 % 4 * 7, label % 4 * 7);
            var (darkY, darkX) = ((blockY + 14) % 28, (blockX + 14) % 28);
            for (var column = 0; column < SampleGridPlot.PerClass; column++)
            {
                var lit = bitmap.GetPixel(layout.PixelOf(label, column, blockX + 3, blockY + 3).X, layout.PixelOf(label, column, blockX + 3, blockY + 3).Y);
                var dark = bitmap.GetPixel(layout.PixelOf(label, column, darkX, darkY).X, layout.PixelOf(label, column, darkX, darkY).Y);
                Assert.True(lit.Red >= 170 && lit.Red == lit.Green && lit.Green == lit.Blue, $"class {label}, sample {column}: {lit} is not the lit gray block");
                Assert.True(dark.Red < 110, $"class {label}, sample {column}: {dark} should be background noise");
            }

            var labelArea = new SKRectI(0, layout.Tile(label, 0).Top, layout.Tile(label, 0).Left, layout.Tile(label, 0).Bottom);
            Assert.True(Pixels.DarkPixels(bitmap, labelArea) > 10, $"row {label} has no class name");
        }
    }

    [Fact]
    public void Samples_keep_the_colours_of_a_cifar_dataset()
    {
        var folder = _temp.Combine("cifar");
        Directory.CreateDirectory(folder);
        static SKColor ColourOf(int label) => new((byte)(label * 25), (byte)(250 - label * 25), (byte)(label % 2 == 0 ? 40 : 200));
        var records = new byte[30 * 3073];
        for (var i = 0; i < 30; i++)
        {
            var label = i % 10;
            var colour = ColourOf(label);
            records[i * 3073] = (byte)label;
            Array.Fill(records, colour.Red, i * 3073 + 1, 1024);
            Array.Fill(records, colour.Green, i * 3073 + 1 + 1024, 1024);
            Array.Fill(records, colour.Blue, i * 3073 + 1 + 2048, 1024);
        }

        for (var b = 1; b <= 5; b++)
        {
            File.WriteAllBytes(Path.Combine(folder, $"data_batch_{b}.bin"), records);
        }

        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), records);
        var written = ResultsWriter.Write(_temp.Combine("out"), SampleSweep.Results(folder));

        using var bitmap = Pixels.Decode(written.PathOf("plots/samples.png"));
        var layout = new SampleGridLayout(10, SampleGridPlot.PerClass, 32, 32);
        Assert.Equal((layout.Width, layout.Height), (bitmap.Width, bitmap.Height));
        for (var label = 0; label < 10; label++)
        {
            for (var column = 0; column < SampleGridPlot.PerClass; column++)
            {
                var tile = layout.Tile(label, column);
                Assert.True(Pixels.Near(bitmap.GetPixel(tile.MidX, tile.MidY), ColourOf(label), 2),
                    $"class {label}, sample {column}: {bitmap.GetPixel(tile.MidX, tile.MidY)} is not {ColourOf(label)}");
            }
        }
    }

    public void Dispose() => _temp.Dispose();

    private static List<(int Start, int End, SKColor Colour)> ColourRuns(SKBitmap bitmap, int y, int left, int right)
    {
        var runs = new List<(int Start, int End, SKColor Colour)>();
        var x = left;
        while (x < right)
        {
            var colour = bitmap.GetPixel(x, y);
            if (Pixels.Saturation(colour) < 60)
            {
                x++;
                continue;
            }

            var start = x;
            while (x < right && Pixels.Near(bitmap.GetPixel(x, y), colour, 8))
            {
                x++;
            }

            if (x - start >= 10)
            {
                runs.Add((start, x, bitmap.GetPixel((start + x) / 2, y)));
            }
        }

        return runs;
    }
}
