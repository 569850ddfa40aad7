namespace SweepGrid.Client.Cluster;

public sealed class ClusterUnreachableException(string target, string problem, Exception? inner = null)
    : Exception($"could not reach a SweepGrid cluster at {target} ({problem}): start a silo there (sweepgrid-silo), point --cluster or SWEEPGRID_CLUSTER at one, or run the sweep in this process with 'sweepgrid run SPEC'", inner)
{
    public string Target { get; } = target;
}
