namespace SweepGrid.Contracts.Sweeps;

[GenerateSerializer]
public enum SweepState
{
    NotLaunched,
    Running,
    Completed,
    Cancelled,
}
