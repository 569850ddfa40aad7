namespace SweepGrid.Client.Dashboard.Api;

/// <summary>What changed in a sweep after a page's cursor: only the trials that changed, each with its new epochs.</summary>
public sealed record SweepUpdateJson(long Sequence, SweepJson Sweep, IReadOnlyList<TrialJson> Trials, string? BestTrialId, double? EtaSeconds);
