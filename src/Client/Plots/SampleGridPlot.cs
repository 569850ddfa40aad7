using SkiaSharp;
using SweepGrid.Trainer.Datasets;

namespace SweepGrid.Client.Plots;

/// <summary>plots/samples.png: the first images of each class in the dataset, a row per class labelled with its name.</summary>
public static class SampleGridPlot
{
    public const int PerClass = 8;
    public const int MaxClasses = 10;

    /// <summary>Picks the first <see cref="PerClass"/> images of each of the first <see cref="MaxClasses"/> classes, in file order.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Pick(LabeledImages images, int classCount)
    {
        var rows = Math.Min(classCount, MaxClasses);
        var picked = Enumerable.Range(0, rows).Select(_ => new List<int>()).ToList();
        for (var i = 0; i < images.Count; i++)
        {
            var label = images.Labels[i];
            if (label < rows && picked[label].Count < PerClass)
            {
                picked[label].Add(i);
            }
        }

        return picked;
    }

    public static SampleGridLayout LayoutFor(LabeledImages images, int classCount) =>
        new(Math.Min(classCount, MaxClasses), PerClass, images.Width, images.Height);

    /// <summary>Grayscale (one channel) and colour (three channels, planes R, G, B) images are both drawn as they are stored.</summary>
    public static PlotImage Render(LabeledImages images, IReadOnlyList<string> classNames, string datasetName)
    {
        if (images.Channels is not (1 or 3))
        {
            throw new ArgumentException($"images with {images.Channels} channels cannot be shown: only 1 (grayscale) or 3 (RGB)", nameof(images));
        }

        var layout = LayoutFor(images, classNames.Count);
        var picked = Pick(images, classNames.Count);
        using var surface = SKSurface.Create(new SKImageInfo(layout.Width, layout.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);

        using var typeface = SKTypeface.FromFamilyName(PlotTheme.FontFamily) ?? SKTypeface.Default;
        using var titleFont = new SKFont(typeface, 20) { Embolden = true };
        using var labelFont = new SKFont(typeface, 16);
        using var ink = new SKPaint { Color = new SKColor(0x22, 0x22, 0x22), IsAntialias = true };
        var title = $"Sample images — {datasetName} (first {PerClass} of each class)";
        canvas.DrawText(title, layout.Width / 2f, 36, SKTextAlign.Center, titleFont, ink);

        using var frame = new SKPaint { Color = new SKColor(0xCC, 0xCC, 0xCC), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        for (var row = 0; row < layout.Rows; row++)
        {
            var first = layout.Tile(row, 0);
            var name = Fit(classNames[row], labelFont, SampleGridLayout.LabelWidth - 14);
            canvas.DrawText(name, SampleGridLayout.LabelWidth - 10, first.MidY + 5, SKTextAlign.Right, labelFont, ink);
            for (var column = 0; column < layout.Columns; column++)
            {
                var tile = layout.Tile(row, column);
                if (column >= picked[row].Count)
                {
                    canvas.DrawRect(tile, frame);
                    continue;
                }

                using var bitmap = ToBitmap(images, picked[row][column]);
                using var image = SKImage.FromBitmap(bitmap);
                canvas.DrawImage(image, new SKRect(tile.Left, tile.Top, tile.Right, tile.Bottom), new SKSamplingOptions(SKFilterMode.Nearest));
            }
        }

        var grid = layout.Tile(0, 0);
        var last = layout.Tile(layout.Rows - 1, layout.Columns - 1);
        return new PlotImage(PlotTheme.Encode(surface), layout.Width, layout.Height, new SKRect(grid.Left, grid.Top, last.Right, last.Bottom));
    }

    private static SKBitmap ToBitmap(LabeledImages images, int index)
    {
        var plane = images.Width * images.Height;
        var offset = (long)index * images.FeatureCount;
        var bitmap = new SKBitmap(new SKImageInfo(images.Width, images.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new byte[plane * 4];
        for (var p = 0; p < plane; p++)
        {
            var r = images.Pixels[offset + p];
            var g = images.Channels == 3 ? images.Pixels[offset + plane + p] : r;
            var b = images.Channels == 3 ? images.Pixels[offset + 2 * plane + p] : r;
            pixels[p * 4] = r;
            pixels[p * 4 + 1] = g;
            pixels[p * 4 + 2] = b;
            pixels[p * 4 + 3] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        return bitmap;
    }

    private static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }

        while (text.Length > 1 && font.MeasureText(text + "…") > width)
        {
            text = text[..^1];
        }

        return text + "…";
    }
}
