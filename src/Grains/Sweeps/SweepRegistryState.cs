using SweepGrid.Contracts.Sweeps;

namespace SweepGrid.Grains.Sweeps;

[GenerateSerializer]
public sealed class SweepRegistryState
{
    [Id(0)] public List<SweepSummary> Sweeps { get; set; } = [];
}
