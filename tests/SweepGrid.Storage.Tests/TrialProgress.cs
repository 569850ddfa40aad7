namespace SweepGrid.Storage.Tests;

/// <summary>A state shaped like the project's own: a serializable record with a list inside.</summary>
[GenerateSerializer]
public sealed record TrialProgress(
    [property: Id(0)] string TrialId,
    [property: Id(1)] int Epoch,
    [property: Id(2)] double Loss,
    [property: Id(3)] IReadOnlyList<double> History);
