using SkiaSharp;

namespace SweepGrid.Client.Plots;

/// <summary>A rendered PNG, its size, and where its data area lies in it (the bars, cells or tiles), in pixels.</summary>
public sealed record PlotImage(byte[] Png, int Width, int Height, SKRect DataArea);
