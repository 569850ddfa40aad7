namespace SweepGrid.Contracts.Dispatch;

/// <summary>One slot of a silo's trial workers.</summary>
[GenerateSerializer]
[Immutable]
public sealed record WorkerInfo(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] string Silo,
    [property: Id(2)] string Device);
