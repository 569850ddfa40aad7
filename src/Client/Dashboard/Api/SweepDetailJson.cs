namespace SweepGrid.Client.Dashboard.Api;

/// <summary>A sweep's whole state: every trial with its history, as of <see cref="Sequence"/> (an update's cursor).</summary>
public sealed record SweepDetailJson(SweepJson Sweep, long Sequence, IReadOnlyList<ParameterJson> Parameters, IReadOnlyList<TrialJson> Trials,
    string? BestTrialId, double? EtaSeconds);
