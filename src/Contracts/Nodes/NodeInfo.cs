namespace SweepGrid.Contracts.Nodes;

/// <summary>What a silo's trial workers last told the node registry.</summary>
[GenerateSerializer]
[Immutable]
public sealed record NodeInfo(
    [property: Id(0)] string Silo,
    [property: Id(1)] string Address,
    [property: Id(2)] IReadOnlyList<DeviceSlots> Devices,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] DateTimeOffset SeenAt);
