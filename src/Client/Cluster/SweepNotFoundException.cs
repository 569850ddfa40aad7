namespace SweepGrid.Client.Cluster;

/// <summary>A sweep id that the cluster (or the local results folder) does not know.</summary>
public sealed class SweepNotFoundException(string sweepId, string where)
    : Exception($"no sweep '{sweepId}' in {where}: 'sweepgrid list' shows the sweeps there")
{
    public string SweepId { get; } = sweepId;
}
