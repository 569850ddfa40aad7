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

    /// <summary>How many trials the sweep runs: its list, or an adaptive search's budget (<c>count</c>), whose trials are
    /// suggested as the sweep goes.</summary>
    public int TrialCount => Spec.Method == SearchMethod.Tpe ? Spec.Count ?? 0 : Trials.Count;

    /// <summary>The configurations whose datasets must be readable: the trials', or the base one of an adaptive sweep
    /// (dataset fields are never swept).</summary>
    public IEnumerable<TrialConfig> DatasetConfigs => Trials.Count > 0 ? Trials.Select(t => t.Config) : [Spec.Base];

    public SweepLaunch ToLaunch(string? traceParent = null) => new(Yaml, SourceName, traceParent);
}
