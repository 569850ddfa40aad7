using SkiaSharp;

namespace SweepGrid.Client.Plots;

/// <summary>
/// Where plots/samples.png puts things: a title band on top, one row per class (its name on the left), one column per
/// sample; every image scaled by a whole factor (nearest neighbour), so each source pixel is a square block.
/// </summary>
public sealed record SampleGridLayout(int Rows, int Columns, int ImageWidth, int ImageHeight)
{
    public const int TitleHeight = 56;
    public const int LabelWidth = 150;
    public const int Gap = 6;
    public const int Margin = 16;

    /// <summary>Source pixels to output pixels: about 90 px a tile whatever the image size.</summary>
    public int Scale { get; } = Math.Max(1, 90 / Math.Max(ImageWidth, ImageHeight));

    public int TileWidth => ImageWidth * Scale;

    public int TileHeight => ImageHeight * Scale;

    public int Width => LabelWidth + Columns * (TileWidth + Gap) - Gap + Margin;

    public int Height => TitleHeight + Rows * (TileHeight + Gap) - Gap + Margin;

    public SKRectI Tile(int row, int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns);
        var left = LabelWidth + column * (TileWidth + Gap);
        var top = TitleHeight + row * (TileHeight + Gap);
        return new SKRectI(left, top, left + TileWidth, top + TileHeight);
    }

    /// <summary>The pixel of the output that shows source pixel (x, y) of the image in the given tile (its top-left corner).</summary>
    public SKPointI PixelOf(int row, int column, int x, int y)
    {
        var tile = Tile(row, column);
        return new SKPointI(tile.Left + x * Scale, tile.Top + y * Scale);
    }
}
