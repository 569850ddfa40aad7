using SkiaSharp;

namespace SweepGrid.Client.Tests;

/// <summary>Reads PNGs back the way a viewer would, and judges their pixels.</summary>
public static class Pixels
{
    public static SKBitmap Decode(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        return bitmap;
    }

    /// <summary>How far a colour is from gray: 0 for white, black and grays.</summary>
    public static int Saturation(SKColor c) => Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue));

    public static int Brightness(SKColor c) => (c.Red + c.Green + c.Blue) / 3;

    public static bool Near(SKColor a, SKColor b, int tolerance = 24) =>
        Math.Abs(a.Red - b.Red) <= tolerance && Math.Abs(a.Green - b.Green) <= tolerance && Math.Abs(a.Blue - b.Blue) <= tolerance;

    /// <summary>Pixels in the rectangle darker than light gray: text, lines, marks.</summary>
    public static int DarkPixels(SKBitmap bitmap, SKRectI area, int below = 128)
    {
        var count = 0;
        for (var y = Math.Max(0, area.Top); y < Math.Min(bitmap.Height, area.Bottom); y++)
        {
            for (var x = Math.Max(0, area.Left); x < Math.Min(bitmap.Width, area.Right); x++)
            {
                if (Brightness(bitmap.GetPixel(x, y)) < below)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
