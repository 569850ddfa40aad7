namespace SweepGrid.Contracts.Specs;

/// <summary>What ranks the trials.</summary>
public sealed record MetricSpec
{
    public string Name { get; init; } = "val_accuracy";

    public MetricGoal Goal { get; init; } = MetricGoal.Maximize;
}
