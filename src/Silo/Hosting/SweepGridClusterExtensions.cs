using System.Net;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;
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
    /// Clustering, reminders and grain storage from configuration. Cluster:Mode = localhost (one machine, the default)
    /// or redis (Redis:ConnectionString); Storage:Provider = sqlite (Storage:SqlitePath, the default) or redis.
    /// Everything binds to loopback unless Cluster:AdvertisedAddress names another address.
    /// Cluster:Kubernetes = true (redis mode, in a pod) adds Orleans' Kubernetes hosting: the silo takes its name,
    /// address and cluster identity from the pod (<see cref="UseSweepGridKubernetesHosting"/>).
    /// Tls:CertificatePath turns on mutual TLS for silo and gateway connections (<see cref="SweepGridTls"/>).
    /// </summary>
    public static ISiloBuilder UseSweepGridCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        var mode = ClusterMode(configuration);
        var kubernetes = UsesKubernetesHosting(configuration, mode);
        var siloPort = configuration.GetValue("Cluster:SiloPort", EndpointOptions.DEFAULT_SILO_PORT);
        var gatewayPort = configuration.GetValue("Cluster:GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT);
        var clusterId = ClusterIdentity(configuration, "Cluster:ClusterId", KubernetesHostingOptions.ClusterIdEnvironmentVariable, KubernetesHostingOptions.ClusterIdLabel, kubernetes);
        var serviceId = ClusterIdentity(configuration, "Cluster:ServiceId", KubernetesHostingOptions.ServiceIdEnvironmentVariable, KubernetesHostingOptions.ServiceIdLabel, kubernetes);
        switch (mode)
        {
            case "localhost":
                silo.UseLocalhostClustering(siloPort, gatewayPort, null, serviceId, clusterId);
                break;
            case "redis":
                var redis = RedisConnection(configuration);
                silo.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis));
                // Same values as Kubernetes hosting sets from ORLEANS_CLUSTER_ID / ORLEANS_SERVICE_ID, so neither order wins.
                silo.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = clusterId;
                    options.ServiceId = serviceId;
                });
                if (kubernetes)
                {
                    silo.UseSweepGridKubernetesHosting(configuration, siloPort, gatewayPort);
                }
                else
                {
                    silo.ConfigureEndpoints(AdvertisedAddress(configuration) ?? IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);
                }

                break;
            default:
                throw new SiloConfigurationException("Cluster:Mode", $"Cluster:Mode '{mode}' is not known: use localhost or redis");
        }

        // With Kubernetes hosting the silo is named after its pod (UseSweepGridKubernetesHosting checks Cluster:SiloName).
        if (!kubernetes && configuration["Cluster:SiloName"] is { Length: > 0 } name)
        {
            // What `sweepgrid nodes`, the watch view and the logs call this silo (a pod or host name reads better than Orleans' random one).
            silo.Configure<SiloOptions>(options => options.SiloName = name);
        }

        return silo.UseSweepGridTls(configuration).AddSweepGridReminders(configuration).AddSweepGridStorage(configuration);
    }

    /// <summary>
    /// The reminder table, by Cluster:Mode: redis keeps it in Redis (Redis:ConnectionString), so reminders outlive any
    /// one silo; localhost keeps it in memory, which is enough for the one silo that owns every reminder.
    /// </summary>
    public static ISiloBuilder AddSweepGridReminders(this ISiloBuilder silo, IConfiguration configuration)
    {
        var mode = ClusterMode(configuration);
        switch (mode)
        {
            case "localhost":
                silo.UseInMemoryReminderService();
                break;
            case "redis":
                var redis = RedisConnection(configuration);
                silo.UseRedisReminderService(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis));
                break;
            default:
                throw new SiloConfigurationException("Cluster:Mode", $"Cluster:Mode '{mode}' is not known: use localhost or redis");
        }

        return silo;
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
                    // Clear deletes, as SQLite does: Orleans' default leaves an ETag behind, so a later first write (no ETag) conflicts.
                    o.DeleteStateOnClear = true;
                }));
                break;
            default:
                throw new SiloConfigurationException("Storage:Provider", $"Storage:Provider '{storage}' is not known: use sqlite or redis");
        }

        return silo;
    }

    /// <summary>
    /// Orleans' Kubernetes hosting (Microsoft.Orleans.Hosting.Kubernetes): the silo is named after its pod (POD_NAME),
    /// advertises the pod's IP (POD_IP, unless Cluster:AdvertisedAddress names another) and listens on all of the pod's
    /// addresses; a watch on the pods of this cluster (labels orleans/clusterId, orleans/serviceId, in POD_NAMESPACE)
    /// declares a silo dead as soon as its pod is gone and deletes the pod of a silo Orleans has declared dead.
    /// The pod's service account needs get, list, watch, patch and delete on pods (deploy/k8s/silo.yaml).
    /// </summary>
    private static ISiloBuilder UseSweepGridKubernetesHosting(this ISiloBuilder silo, IConfiguration configuration, int siloPort, int gatewayPort)
    {
        var podName = Environment.GetEnvironmentVariable(KubernetesHostingOptions.PodNameEnvironmentVariable) ?? Environment.MachineName;
        if (configuration["Cluster:SiloName"] is { Length: > 0 } name && name != podName)
        {
            throw new SiloConfigurationException("Cluster:SiloName",
                $"Cluster:SiloName '{name}' is not this pod's name '{podName}': with Cluster:Kubernetes the silo is named after its pod " +
                $"({KubernetesHostingOptions.PodNameEnvironmentVariable}), which is how the pod watch matches silos to pods; leave Cluster:SiloName unset");
        }

        // Set here: Orleans' own fallback (some interface's address) is post-configured before the package's POD_IP one, which then never applies.
        var advertised = AdvertisedAddress(configuration) ?? PodIp();
        // No listening endpoints: the package's post-configuration binds both ports on every address of the pod.
        silo.Configure<EndpointOptions>(options =>
        {
            options.SiloPort = siloPort;
            options.GatewayPort = gatewayPort;
            if (advertised is not null)
            {
                options.AdvertisedIPAddress = advertised;
            }
        });
        // A silo Orleans has declared dead may still hold its pod (and its GPU): the Deployment replaces a deleted pod.
        return silo.UseKubernetesHosting(options => options.Configure(hosting => hosting.DeleteDefunctSiloPods = true));
    }

    /// <summary>Whether Cluster:Kubernetes asks for Kubernetes hosting, and throws where it cannot work.</summary>
    private static bool UsesKubernetesHosting(IConfiguration configuration, string mode)
    {
        if (configuration["Cluster:Kubernetes"] is not { Length: > 0 } text)
        {
            return false;
        }

        if (!bool.TryParse(text, out var kubernetes))
        {
            throw new SiloConfigurationException("Cluster:Kubernetes", $"Cluster:Kubernetes '{text}' is not known: use true (a silo in a Kubernetes pod) or false");
        }

        if (!kubernetes)
        {
            return false;
        }

        if (mode != "redis")
        {
            throw new SiloConfigurationException("Cluster:Kubernetes",
                $"Cluster:Kubernetes=true works only with Cluster:Mode redis, not '{mode}' (Kubernetes hosting is no membership provider: silos in pods find each other through Redis): set Cluster:Mode=redis or Cluster:Kubernetes=false");
        }

        if (!KubernetesClientConfiguration.IsInCluster())
        {
            throw new SiloConfigurationException("Cluster:Kubernetes",
                "Cluster:Kubernetes=true, but this silo is not in a Kubernetes pod with a service account token (it needs KUBERNETES_SERVICE_HOST, " +
                "KUBERNETES_SERVICE_PORT and /var/run/secrets/kubernetes.io/serviceaccount/token): set it to true only in a pod spec (deploy/k8s/silo.yaml), elsewhere to false");
        }

        return true;
    }

    /// <summary>
    /// Cluster:ClusterId or Cluster:ServiceId (default sweepgrid). With Kubernetes hosting, the package sets the same option
    /// from ORLEANS_CLUSTER_ID / ORLEANS_SERVICE_ID when the pod has them: both must then agree.
    /// </summary>
    private static string ClusterIdentity(IConfiguration configuration, string key, string variable, string label, bool kubernetes)
    {
        var configured = configuration[key];
        var fromPod = kubernetes ? Environment.GetEnvironmentVariable(variable) : null;
        if (string.IsNullOrWhiteSpace(fromPod))
        {
            return configured ?? "sweepgrid";
        }

        if (configured is { Length: > 0 } && configured != fromPod)
        {
            throw new SiloConfigurationException(key,
                $"{key} '{configured}' differs from {variable} '{fromPod}' (the pod's {label} label), which Kubernetes hosting (Cluster:Kubernetes) also sets: leave {key} unset or give it the same value");
        }

        return fromPod;
    }

    private static IPAddress? AdvertisedAddress(IConfiguration configuration)
    {
        if (configuration["Cluster:AdvertisedAddress"] is not { Length: > 0 } text)
        {
            return null;
        }

        return IPAddress.TryParse(text, out var address)
            ? address
            : throw new SiloConfigurationException("Cluster:AdvertisedAddress", $"Cluster:AdvertisedAddress '{text}' is not an IP address: give one the other silos and the clients can reach (e.g. 10.0.0.5)");
    }

    private static IPAddress? PodIp()
    {
        var variable = KubernetesHostingOptions.PodIPEnvironmentVariable;
        if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } text)
        {
            return null;
        }

        return IPAddress.TryParse(text, out var address)
            ? address
            : throw new SiloConfigurationException(variable, $"{variable} '{text}' is not an IP address: give the pod's IP through the downward API (fieldPath status.podIP)");
    }

    private static string ClusterMode(IConfiguration configuration) => (configuration["Cluster:Mode"] ?? "localhost").ToLowerInvariant();

    private static string RedisConnection(IConfiguration configuration) =>
        configuration["Redis:ConnectionString"] is { Length: > 0 } value
            ? value
            : throw new SiloConfigurationException("Redis:ConnectionString", "Redis:ConnectionString is not set: give the Redis server as host:port (e.g. 127.0.0.1:6379)");
}
