using SweepGrid.Contracts.Nodes;

namespace SweepGrid.Grains.Nodes;

/// <summary>In memory on purpose: what it holds is a few seconds old at most and refills by itself.</summary>
public sealed class NodeRegistryGrain(TimeProvider clock) : Grain, INodeRegistryGrain
{
    private static readonly TimeSpan Silence = INodeRegistryGrain.HeartbeatPeriod * 3;
    private readonly Dictionary<string, NodeInfo> _nodes = new(StringComparer.Ordinal);

    public Task Heartbeat(NodeInfo node)
    {
        _nodes[node.Silo] = node with { SeenAt = clock.GetUtcNow() };
        return Task.CompletedTask;
    }

    public Task Leave(string silo)
    {
        _nodes.Remove(silo);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<NodeInfo>> List()
    {
        var now = clock.GetUtcNow();
        foreach (var stale in _nodes.Values.Where(n => now - n.SeenAt > Silence).Select(n => n.Silo).ToList())
        {
            _nodes.Remove(stale);
        }

        return Task.FromResult<IReadOnlyList<NodeInfo>>(_nodes.Values.OrderBy(n => n.Silo, StringComparer.Ordinal).ToList());
    }
}
