using SweepGrid.Contracts.Datasets;

namespace SweepGrid.Client.Cluster;

/// <summary>The cluster cannot read a sweep's dataset, so the sweep was not launched; names the silo, the dataset and the trainer's reason.</summary>
public sealed class DatasetUnreadableException(DatasetProblem problem)
    : Exception($"the cluster cannot read the dataset '{problem.Dataset}' (silo {problem.Silo}), so nothing was launched: {problem.Problem}")
{
    public DatasetProblem Problem { get; } = problem;
}
