namespace SweepGrid.Contracts.Specs;

public enum MetricGoal
{
    Maximize,
    Minimize,
}
