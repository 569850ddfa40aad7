using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Leaderboards;

[GenerateSerializer]
[Immutable]
public sealed record LeaderboardEntry(
    [property: Id(0)] string TrialId,
    [property: Id(1)] TrialConfig Config,
    [property: Id(2)] double Value,
    [property: Id(3)] TrialMetrics Metrics,
    [property: Id(4)] int Attempt,
    [property: Id(5)] bool Pruned = false);
