using ScottPlot;
using SkiaSharp;

namespace SweepGrid.Client.Plots;

/// <summary>What every plot shares: a sans-serif font from the system, a palette, PNG encoding.</summary>
public static class PlotTheme
{
    /// <summary>What to install when no font is found: SkiaSharp's Linux build reads fonts from /usr/share/fonts.</summary>
    public const string FontHint = "install a font package such as fonts-dejavu-core (scripts/provision.sh does)";

    private static readonly Lazy<string> Family = new(() =>
        new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial" }.FirstOrDefault(SKFontManager.Default.GetFontFamilies().Contains) ?? Fonts.Default);

    public static string FontFamily => Family.Value;

    /// <summary>False when SkiaSharp sees no font at all: plots would render without any text.</summary>
    public static bool HasFonts
    {
        get
        {
            // Asks for a glyph: with no font files Skia still answers with an empty family and typeface.
            using var typeface = SKTypeface.FromFamilyName(FontFamily) ?? SKTypeface.Default;
            using var font = new SKFont(typeface);
            return font.GetGlyph('A') != 0;
        }
    }

    public static Color ColorOf(int index) => Palette[index % Palette.Length];

    private static readonly Color[] Palette = new ScottPlot.Palettes.Category10().Colors;

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontFamily);
        plot.Title(title, 18);
        plot.XLabel(xLabel, 14);
        plot.YLabel(yLabel, 14);
        return plot;
    }

    /// <summary>Renders the plot and reads back where its data area landed.</summary>
    public static PlotImage Render(Plot plot, int width, int height)
    {
        var png = plot.GetImageBytes(width, height, ImageFormat.Png);
        return new PlotImage(png, width, height, ToRect(plot.LastRender.DataRect));
    }

    public static SKRect ToRect(PixelRect rect) => new(rect.Left, rect.Top, rect.Right, rect.Bottom);

    public static byte[] Encode(SKSurface surface)
    {
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
