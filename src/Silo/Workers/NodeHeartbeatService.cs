using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SweepGrid.Contracts.Nodes;

namespace SweepGrid.Silo.Workers;

/// <summary>Tells the node registry, every heartbeat period, which devices this silo trains on and how busy they are.</summary>
public sealed class NodeHeartbeatService(
    IGrainFactory grains,
    SlotBoard board,
    ILocalSiloDetails silo,
    TimeProvider clock,
    ILogger<NodeHeartbeatService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var registry = grains.GetGrain<INodeRegistryGrain>(INodeRegistryGrain.Key);
        var started = clock.GetUtcNow();
        using var timer = new PeriodicTimer(INodeRegistryGrain.HeartbeatPeriod, clock);
        try
        {
            do
            {
                try
                {
                    await registry.Heartbeat(new NodeInfo(silo.Name, silo.SiloAddress.Endpoint.ToString(), board.Snapshot(), started, clock.GetUtcNow()));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogDebug(e, "Node heartbeat failed; the next one retries");
                }
            }
            while (await timer.WaitForNextTickAsync(stopping));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await grains.GetGrain<INodeRegistryGrain>(INodeRegistryGrain.Key).Leave(silo.Name).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Could not leave the node registry; it forgets this silo after a few heartbeats");
        }
    }
}
