using OpenTelemetry.Trace;

namespace SweepGrid.Silo.Telemetry;

/// <summary>
/// Starts traces only at SweepGrid's own roots (`sweep.launch`, an attempt's `trial`); a span with a parent follows its
/// parent (<see cref="ParentBasedSampler"/>). Orleans' grain-call spans then appear inside those traces, but its
/// background calls (membership, reminders, lease renewals) do not each become a one-span trace in the backend.
/// </summary>
public sealed class SweepGridRootSampler : Sampler
{
    private static readonly HashSet<string> Roots = new(StringComparer.Ordinal) { "sweep.launch", "trial" };

    public static Sampler ParentBased() => new ParentBasedSampler(new SweepGridRootSampler());

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        new(Roots.Contains(samplingParameters.Name) ? SamplingDecision.RecordAndSample : SamplingDecision.Drop);
}
