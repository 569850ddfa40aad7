using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using SweepGrid.Silo.Hosting;
using SweepGrid.Silo.Settings;

namespace SweepGrid.Client.Cluster;

/// <summary>A connection to SweepGrid grains: an Orleans client of a running cluster, or a silo hosted in this process.</summary>
public sealed class ClusterSession : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    private readonly IHost _host;

    private ClusterSession(IHost host, string where)
    {
        _host = host;
        Where = where;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public IGrainFactory Grains { get; }

    /// <summary>How a user would name this cluster in a message ("localhost:30000", "results/fashion-…/sweepgrid.db").</summary>
    public string Where { get; }

    public IServiceProvider Services => _host.Services;

    public SweepClient Sweeps => new(Grains);

    /// <summary>
    /// Connects to a running cluster as an Orleans client (cluster and service ids as the silos': SWEEPGRID_Cluster__ClusterId / __ServiceId;
    /// TLS as the silos' with SWEEPGRID_Tls__CertificatePath; telemetry to OTEL_EXPORTER_OTLP_ENDPOINT as theirs).
    /// </summary>
    public static async Task<ClusterSession> ConnectAsync(ClusterTarget target, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddEnvironmentVariables("SWEEPGRID_").AddOtelEnvironmentVariables();
        builder.Logging.ClearProviders();
        var settings = SweepGridSettings.LoadForClient(builder.Configuration);
        // The client's spans (sweep.launch) and logs go to the same collector as the silos', with OTEL_* set.
        builder.AddSweepGridObservability("sweepgrid-cli", null);
        var clusterId = settings.Cluster.ClusterId is { Length: > 0 } cluster ? cluster : ClusteringOptions.DefaultIdentity;
        var serviceId = settings.Cluster.ServiceId is { Length: > 0 } service ? service : ClusteringOptions.DefaultIdentity;
        builder.UseOrleansClient(client =>
        {
            if (target.Redis is { } redis)
            {
                client.UseRedisClustering(options => options.ConfigurationOptions = redis);
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = serviceId;
                });
            }
            else
            {
                client.UseLocalhostClustering(target.GatewayPort ?? ClusterTarget.DefaultGatewayPort, serviceId, clusterId);
            }

            client.UseSweepGridTls(settings.Tls);
            client.AddActivityPropagation();
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellation).WaitAsync(ConnectTimeout, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            host.Dispose();
            // A silo that refuses our certificate just drops the connection: the client sees no answer, as with no silo at all.
            var tls = settings.Tls.CertificatePath is { Length: > 0 } certificate ? $", TLS with {certificate}: do the silos accept this certificate?" : "";
            throw new ClusterUnreachableException(target.Text, e is TimeoutException ? $"no answer in {ConnectTimeout.TotalSeconds:F0} s{tls}" : e.Message, e);
        }

        return new ClusterSession(host, target.Text);
    }

    /// <summary>Wraps a started host that runs a silo in this process.</summary>
    public static ClusterSession Embedded(IHost host, string where) => new(host, where);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(CancellationToken.None);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
