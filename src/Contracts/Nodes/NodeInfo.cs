namespace SweepGrid.Contracts.Nodes;

/// <summary>What a silo's trial workers last told the node registry.</summary>
/// <param name="Plaintext">The silo advertises an address other machines reach (not loopback) and runs without TLS:
/// anyone on that network can join the cluster or read its traffic.</param>
[GenerateSerializer]
[Immutable]
public sealed record NodeInfo(
    [property: Id(0)] string Silo,
    [property: Id(1)] string Address,
    [property: Id(2)] IReadOnlyList<DeviceSlots> Devices,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] DateTimeOffset SeenAt,
    [property: Id(5)] bool Plaintext = false);
