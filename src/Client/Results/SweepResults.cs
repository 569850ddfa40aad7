using SweepGrid.Contracts.Leaderboards;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Results;

/// <summary>Everything the results folder is made from, as the CLI reads it from the grains.</summary>
public sealed record SweepResults(
    SweepStatus Status,
    string SpecYaml,
    IReadOnlyList<TrialSnapshot> Trials,
    IReadOnlyList<LeaderboardEntry> Leaderboard);
