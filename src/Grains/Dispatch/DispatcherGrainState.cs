namespace SweepGrid.Grains.Dispatch;

/// <summary>Only which sweeps are active is stored: queues and leases are rebuilt from the sweeps after a restart.</summary>
[GenerateSerializer]
public sealed class DispatcherGrainState
{
    [Id(0)] public HashSet<string> ActiveSweeps { get; set; } = [];
}
