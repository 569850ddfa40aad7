namespace SweepGrid.Contracts.Nodes;

/// <summary>A device of a silo and how many of its trial slots are training right now.</summary>
[GenerateSerializer]
[Immutable]
public sealed record DeviceSlots(
    [property: Id(0)] string Device,
    [property: Id(1)] int Slots,
    [property: Id(2)] int Busy)
{
    public int Free => Slots - Busy;
}
