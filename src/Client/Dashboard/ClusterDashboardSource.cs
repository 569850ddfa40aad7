using SweepGrid.Client.Cluster;
using SweepGrid.Client.Dashboard.Api;
using SweepGrid.Contracts.Nodes;
using SweepGrid.Contracts.Sweeps;

namespace SweepGrid.Client.Dashboard;

/// <summary>The sweeps of one cluster (also the embedded one of <c>sweepgrid run --dashboard</c>), through one connection.</summary>
public sealed class ClusterDashboardSource(ClusterSession session, bool ownsSession) : IDashboardSource
{
    public string Description => $"the cluster at {session.Where}";

    public async Task<IReadOnlyList<SweepJson>> SweepsAsync(CancellationToken cancellation)
    {
        var sweeps = await session.Grains.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List();
        var rows = await Task.WhenAll(sweeps.Select(async s =>
        {
            var status = await session.Sweeps.StatusAsync(s.SweepId);
            var top = await session.Sweeps.LeaderboardAsync(s.SweepId, 1);
            return DashboardSweeps.Json(status with { Name = status.Name.Length > 0 ? status.Name : s.Name }, top.Count > 0 ? top[0].Value : null);
        }));
        return rows;
    }

    public async Task<SweepConnection?> OpenAsync(string sweepId, CancellationToken cancellation)
    {
        var status = await session.Sweeps.StatusAsync(sweepId);
        return status.State == SweepState.NotLaunched ? null : new SweepConnection(session.Sweeps, session.Where);
    }

    public async Task<IReadOnlyList<NodeInfo>> NodesAsync(CancellationToken cancellation) =>
        await session.Grains.GetGrain<INodeRegistryGrain>(INodeRegistryGrain.Key).List();

    public async ValueTask DisposeAsync()
    {
        if (ownsSession)
        {
            await session.DisposeAsync();
        }
    }
}
