namespace SweepGrid.Contracts.Dispatch;

[GenerateSerializer]
[Immutable]
public sealed record DispatcherStats(
    [property: Id(0)] int Queued,
    [property: Id(1)] int Leased,
    [property: Id(2)] int WaitingWorkers,
    [property: Id(3)] int ActiveSweeps);
