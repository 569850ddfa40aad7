namespace SweepGrid.Contracts.Dispatch;

/// <summary>One slot of a silo's trial workers; SiloAddress (Orleans' parsable form) tells the dispatcher whether the silo still lives.
/// <paramref name="Bundle"/>: set by the dispatcher on a start that is one member of a bundle, the bundle's label.</summary>
[GenerateSerializer]
[Immutable]
public sealed record WorkerInfo(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] string Silo,
    [property: Id(2)] string Device,
    [property: Id(3)] string? SiloAddress = null,
    [property: Id(4)] string? Bundle = null);
