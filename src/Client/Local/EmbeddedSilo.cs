using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SweepGrid.Client.Cluster;
using SweepGrid.Silo.Hosting;

namespace SweepGrid.Client.Local;

/// <summary>
/// A whole SweepGrid cluster in this process: one silo on loopback, its grain state in one SQLite file, and
/// trial workers on the given slots (none for a silo that only reads a finished sweep).
/// </summary>
public static class EmbeddedSilo
{
    public sealed record Settings(string DatabasePath, string Slots, string CheckpointRoot, string LogFolder);

    public static async Task<(ClusterSession Session, int GatewayPort)> StartAsync(Settings settings, CancellationToken cancellation)
    {
        var gatewayPort = FreePort();
        var values = new Dictionary<string, string?>
        {
            ["Cluster:Mode"] = "localhost",
            ["Cluster:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Storage:Provider"] = "sqlite",
            ["Storage:SqlitePath"] = settings.DatabasePath,
            ["Workers:Slots"] = settings.Slots,
            ["Workers:CheckpointRoot"] = settings.CheckpointRoot,
            ["Logging:Folder"] = settings.LogFolder,
            ["Logging:Console"] = "false",
        };

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(values);
        // SWEEPGRID_Workers__ThreadsPerTrial and the like still apply, as for a standalone silo.
        builder.Configuration.AddEnvironmentVariables("SWEEPGRID_");
        builder.Configuration.AddInMemoryCollection(values.Where(v => v.Key.StartsWith("Cluster:", StringComparison.Ordinal) || v.Key.StartsWith("Storage:", StringComparison.Ordinal)));
        builder.AddSweepGridObservability("sweepgrid");
        builder.UseOrleans(silo => silo.UseSweepGridCluster(builder.Configuration).AddSweepGrid(builder.Configuration));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellation);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return (ClusterSession.Embedded(host, settings.DatabasePath), gatewayPort);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
