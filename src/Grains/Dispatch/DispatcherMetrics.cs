using System.Diagnostics.Metrics;

namespace SweepGrid.Grains.Dispatch;

/// <summary>The dispatcher's share of the SweepGrid meter: trials waiting for a worker.</summary>
internal static class DispatcherMetrics
{
    private static readonly Meter Meter = new("SweepGrid");

    public static readonly UpDownCounter<long> QueueDepth = Meter.CreateUpDownCounter<long>("sweepgrid.queue.depth", "{trial}", "Trials queued for a worker");
}
