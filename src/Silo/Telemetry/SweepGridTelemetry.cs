using System.Diagnostics;
using System.Diagnostics.Metrics;
using SweepGrid.Contracts.Telemetry;

namespace SweepGrid.Silo.Telemetry;

/// <summary>The SweepGrid activity source and meter: one trace per trial attempt, counters of what the silo does.</summary>
public static class SweepGridTelemetry
{
    public const string Name = SweepGridActivities.SourceName;

    public static ActivitySource Source => SweepGridActivities.Source;

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> TrialsFinished = Meter.CreateCounter<long>("sweepgrid.trials", "{trial}", "Trial attempts ended, by outcome");

    public static readonly Histogram<double> EpochDuration = Meter.CreateHistogram<double>("sweepgrid.epoch.duration", "s", "Duration of a training epoch");

    public static readonly UpDownCounter<long> BusySlots = Meter.CreateUpDownCounter<long>("sweepgrid.slots.busy", "{slot}", "Trial slots training right now");

    public static readonly Histogram<double> SamplesPerSecond = Meter.CreateHistogram<double>("sweepgrid.epoch.samples_per_second", "{sample}/s", "Training throughput of an epoch");
}
