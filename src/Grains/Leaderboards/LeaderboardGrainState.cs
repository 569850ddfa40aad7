using SweepGrid.Contracts.Leaderboards;

namespace SweepGrid.Grains.Leaderboards;

[GenerateSerializer]
public sealed class LeaderboardGrainState
{
    [Id(0)] public string Metric { get; set; } = "val_accuracy";

    [Id(1)] public bool Maximize { get; set; } = true;

    [Id(2)] public int Capacity { get; set; } = 1_000;

    /// <summary>Best first.</summary>
    [Id(3)] public List<LeaderboardEntry> Entries { get; set; } = [];
}
