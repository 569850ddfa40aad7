namespace SweepGrid.Contracts.Nodes;

/// <summary>
/// The silos that train, with their devices and busy slots, as their workers report them every few seconds.
/// Kept in memory only: a silo that stops reporting drops out, and after a restart the list fills again within a heartbeat.
/// </summary>
public interface INodeRegistryGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    public static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromSeconds(2);

    Task Heartbeat(NodeInfo node);

    /// <summary>A silo shutting down leaves at once instead of timing out.</summary>
    Task Leave(string silo);

    /// <summary>Silos heard from within the last few heartbeats, by name.</summary>
    Task<IReadOnlyList<NodeInfo>> List();
}
