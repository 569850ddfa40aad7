using SweepGrid.Client.Cluster;
using SweepGrid.Client.Dashboard.Api;
using SweepGrid.Contracts.Nodes;

namespace SweepGrid.Client.Dashboard;

/// <summary>Where the dashboard reads sweeps from: a cluster, or the results folder of the sweeps run on this machine.</summary>
public interface IDashboardSource : IAsyncDisposable
{
    /// <summary>As the start-up line says it: "the cluster at …", "the sweeps under …".</summary>
    string Description { get; }

    /// <summary>Every sweep it knows, the most recently launched first.</summary>
    Task<IReadOnlyList<SweepJson>> SweepsAsync(CancellationToken cancellation);

    /// <summary>A client for the sweep and a name for the connection it goes through (another name: the sweep moved, watch it
    /// anew); null when the sweep is unknown.</summary>
    Task<SweepConnection?> OpenAsync(string sweepId, CancellationToken cancellation);

    Task<IReadOnlyList<NodeInfo>> NodesAsync(CancellationToken cancellation);
}

/// <param name="Source">Which connection: the same sweep through another one needs another watch.</param>
public sealed record SweepConnection(SweepClient Sweeps, string Source);
