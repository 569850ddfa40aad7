namespace SweepGrid.Contracts.Sweeps;

/// <summary>One line of the sweep registry: enough to list sweeps without waking each one.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SweepSummary(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string Name,
    [property: Id(2)] int Trials,
    [property: Id(3)] DateTimeOffset LaunchedAt);
