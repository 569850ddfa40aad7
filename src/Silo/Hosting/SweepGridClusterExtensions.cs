using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;
using SweepGrid.Grains;
using SweepGrid.Grains.Storage;

namespace SweepGrid.Silo.Hosting;

public static class SweepGridClusterExtensions
{
    /// <summary>
    /// Clustering and grain storage from configuration. Cluster:Mode = localhost (one machine, the default)
    /// or redis (Redis:ConnectionString); Storage:Provider = sqlite (Storage:SqlitePath, the default) or redis.
    /// Everything binds to loopback unless Cluster:AdvertisedAddress names another address.
    /// Tls:CertificatePath turns on mutual TLS for silo and gateway connections (<see cref="SweepGridTls"/>).
    /// </summary>
    public static ISiloBuilder UseSweepGridCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        var mode = (configuration["Cluster:Mode"] ?? "localhost").ToLowerInvariant();
        var siloPort = configuration.GetValue("Cluster:SiloPort", EndpointOptions.DEFAULT_SILO_PORT);
        var gatewayPort = configuration.GetValue("Cluster:GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT);
        var clusterId = configuration["Cluster:ClusterId"] ?? "sweepgrid";
        var serviceId = configuration["Cluster:ServiceId"] ?? "sweepgrid";
        switch (mode)
        {
            case "localhost":
                silo.UseLocalhostClustering(siloPort, gatewayPort, null, serviceId, clusterId);
                break;
            case "redis":
                var redis = RedisConnection(configuration);
                silo.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis));
                silo.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = clusterId;
                    options.ServiceId = serviceId;
                });
                var address = IPAddress.Parse(configuration["Cluster:AdvertisedAddress"] ?? "127.0.0.1");
                silo.ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: false);
                break;
            default:
                throw new SiloConfigurationException("Cluster:Mode", $"Cluster:Mode '{mode}' is not known: use localhost or redis");
        }

        return silo.UseSweepGridTls(configuration).AddSweepGridStorage(configuration);
    }

    /// <summary>The grain storage every SweepGrid grain uses: Storage:Provider = sqlite (Storage:SqlitePath) or redis (Redis:ConnectionString).</summary>
    public static ISiloBuilder AddSweepGridStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        var storage = (configuration["Storage:Provider"] ?? "sqlite").ToLowerInvariant();
        switch (storage)
        {
            case "sqlite":
                var path = configuration["Storage:SqlitePath"] ?? Path.Combine("results", "sweepgrid.db");
                silo.AddSqliteGrainStorage(StorageNames.Default, options => options.DatabasePath = path);
                break;
            case "redis":
                var connection = RedisConnection(configuration);
                // The Orleans binary serializer, as with SQLite: grain states are [GenerateSerializer] types.
                silo.AddRedisGrainStorage(StorageNames.Default, (OptionsBuilder<RedisStorageOptions> options) => options.Configure<Serializer>((o, serializer) =>
                {
                    o.ConfigurationOptions = ConfigurationOptions.Parse(connection);
                    o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                }));
                break;
            default:
                throw new SiloConfigurationException("Storage:Provider", $"Storage:Provider '{storage}' is not known: use sqlite or redis");
        }

        return silo;
    }

    private static string RedisConnection(IConfiguration configuration) =>
        configuration["Redis:ConnectionString"] is { Length: > 0 } value
            ? value
            : throw new SiloConfigurationException("Redis:ConnectionString", "Redis:ConnectionString is not set: give the Redis server as host:port (e.g. 127.0.0.1:6379)");
}
