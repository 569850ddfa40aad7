using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Sweeps;

/// <summary>
/// A spec parsed, validated and expanded once, with the text it came from: what a client shows, checks and launches.
/// The sweep grain parses the text again, as a trust boundary, from the <see cref="SweepLaunch"/> it is sent.
/// </summary>
public sealed record SweepPlan(SweepSpec Spec, string Yaml, string? SourceName, IReadOnlyList<PlannedTrial> Trials)
{
    public string SweepId { get; } = SweepIds.For(Spec, Trials);

    public SweepLaunch ToLaunch(string? traceParent = null) => new(Yaml, SourceName, traceParent);
}
