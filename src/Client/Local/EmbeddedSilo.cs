using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SweepGrid.Client.Cluster;
using SweepGrid.Silo.Hosting;
using SweepGrid.Silo.Settings;

namespace SweepGrid.Client.Local;

/// <summary>
/// A whole SweepGrid cluster in this process: one silo on loopback, its grain state in one SQLite file, and
/// trial workers on the given slots (none for a silo that only reads a finished sweep).
/// </summary>
public static class EmbeddedSilo
{
    /// <summary>What the silo keeps where; <paramref name="TensorBoardFolder"/>: where its trials write TensorBoard event
    /// files, each in a folder of its own (none when empty).</summary>
    public sealed record Settings(string DatabasePath, string Slots, string CheckpointRoot, string LogFolder, string TensorBoardFolder = "");

    public static async Task<(ClusterSession Session, int GatewayPort)> StartAsync(Settings settings, CancellationToken cancellation)
    {
        var (siloPort, gatewayPort) = FreePorts();
        var values = new Dictionary<string, string?>
        {
            ["Cluster:Mode"] = "localhost",
            // One machine, even inside a silo pod whose environment turns Orleans' Kubernetes hosting on.
            ["Cluster:Kubernetes"] = "false",
            ["Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Storage:Provider"] = "sqlite",
            ["Storage:SqlitePath"] = settings.DatabasePath,
            ["Workers:Slots"] = settings.Slots,
            ["Workers:CheckpointRoot"] = settings.CheckpointRoot,
            // One sweep per results folder: its trials go straight into the sweep's tensorboard folder.
            ["Workers:TensorBoardRoot"] = settings.TensorBoardFolder,
            ["Workers:TensorBoardPerSweep"] = "false",
            ["Logging:Folder"] = settings.LogFolder,
            ["Logging:Console"] = "false",
        };

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // One process: a lease it stops renewing belongs to a run that died, so a rerun takes it back quickly. A default
        // only: SWEEPGRID_Dispatcher__LeaseTimeout sets it, as for a standalone silo.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Dispatcher:LeaseTimeout"] = "00:00:10" });
        // SWEEPGRID_Workers__ThreadsPerTrial and the like still apply, as for a standalone silo; what the command
        // decides (ports, the SQLite file, the slots, …) wins over the environment. OpenTelemetry's OTEL_* variables apply too.
        builder.Configuration.AddEnvironmentVariables("SWEEPGRID_").AddOtelEnvironmentVariables();
        builder.Configuration.AddInMemoryCollection(values);
        // A bad setting (SWEEPGRID_Workers__ThreadsPerTrial=0) throws SiloConfigurationException here: exit code 2.
        var siloSettings = SweepGridSettings.Load(builder.Configuration);
        builder.AddSweepGridObservability("sweepgrid", siloSettings.Logging);
        builder.UseOrleans(silo => silo.UseSweepGridCluster(siloSettings).AddSweepGrid(siloSettings));
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

    /// <summary>Two distinct free loopback ports: both listeners are held at once, so the second cannot get the first's port.</summary>
    private static (int Silo, int Gateway) FreePorts()
    {
        using var silo = new TcpListener(IPAddress.Loopback, 0);
        using var gateway = new TcpListener(IPAddress.Loopback, 0);
        silo.Start();
        gateway.Start();
        return (((IPEndPoint)silo.LocalEndpoint).Port, ((IPEndPoint)gateway.LocalEndpoint).Port);
    }
}
