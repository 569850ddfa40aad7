using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SweepGrid.Contracts.Nodes;
using SweepGrid.Silo.Settings;

namespace SweepGrid.Silo.Workers;

/// <summary>Tells the node registry, every heartbeat period, which devices this silo trains on and how busy they are, and
/// whether it is reachable from other machines without TLS (which it also warns about once at start).</summary>
public sealed class NodeHeartbeatService(
    IGrainFactory grains,
    SlotBoard board,
    ILocalSiloDetails silo,
    IOptions<ClusterTlsOptions> tls,
    TimeProvider clock,
    ILogger<NodeHeartbeatService> logger) : BackgroundService
{
    /// <summary>Whether a silo advertising <paramref name="advertised"/> with these TLS settings talks plaintext to other machines.</summary>
    public static bool IsPlaintext(IPAddress advertised, ClusterTlsOptions tls) =>
        !IPAddress.IsLoopback(advertised) && tls.CertificatePath is not { Length: > 0 };

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var registry = grains.GetGrain<INodeRegistryGrain>(INodeRegistryGrain.Key);
        var started = clock.GetUtcNow();
        var address = silo.SiloAddress.Endpoint;
        var plaintext = IsPlaintext(address.Address, tls.Value);
        if (plaintext)
        {
            logger.LogWarning(
                "Silo {Silo} advertises {Address} (Cluster:AdvertisedAddress, or the pod IP with Cluster:Kubernetes) without TLS (Tls:CertificatePath is not set): silo-to-silo and gateway traffic is plaintext, and anyone who reaches that address can join the cluster; set Tls:CertificatePath on every silo and client",
                silo.Name, address.Address);
        }

        using var timer = new PeriodicTimer(INodeRegistryGrain.HeartbeatPeriod, clock);
        try
        {
            do
            {
                try
                {
                    await registry.Heartbeat(new NodeInfo(silo.Name, address.ToString(), board.Snapshot(), started, clock.GetUtcNow(), plaintext));
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
