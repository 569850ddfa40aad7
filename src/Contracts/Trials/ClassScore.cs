namespace SweepGrid.Contracts.Trials;

/// <summary>One row of a classification report.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ClassScore(
    [property: Id(0)] string Name,
    [property: Id(1)] double Precision,
    [property: Id(2)] double Recall,
    [property: Id(3)] double F1,
    [property: Id(4)] long Support);
