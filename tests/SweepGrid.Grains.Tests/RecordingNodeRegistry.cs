using SweepGrid.Contracts.Nodes;

namespace SweepGrid.Grains.Tests;

/// <summary>A node registry that keeps the first heartbeat it is sent.</summary>
public sealed class RecordingNodeRegistry : INodeRegistryGrain
{
    private readonly TaskCompletionSource<NodeInfo> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<NodeInfo> FirstHeartbeat => _first.Task;

    public Task Heartbeat(NodeInfo node)
    {
        _first.TrySetResult(node);
        return Task.CompletedTask;
    }

    public Task Leave(string silo) => Task.CompletedTask;

    public Task<IReadOnlyList<NodeInfo>> List() => throw new NotSupportedException();
}
