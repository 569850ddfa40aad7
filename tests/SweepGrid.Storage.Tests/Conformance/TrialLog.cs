namespace SweepGrid.Storage.Tests.Conformance;

/// <summary>A state shaped like the grains' own (TrialGrainState, LeaderboardGrainState): a class with a parameterless constructor and a list inside.</summary>
[GenerateSerializer]
public sealed class TrialLog
{
    [Id(0)] public string Writer { get; set; } = "";

    [Id(1)] public int Revision { get; set; }

    [Id(2)] public List<double> Losses { get; set; } = [];
}
