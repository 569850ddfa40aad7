using System.Net;
using k8s;
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
using SweepGrid.Silo.Settings;

namespace SweepGrid.Silo.Hosting;

public static class SweepGridClusterExtensions
{
    /// <summary>
    /// Clustering, reminders and grain storage from the settings. Cluster:Mode = localhost (one machine, the default)
    /// or redis (Redis:ConnectionString); Storage:Provider = sqlite (Storage:SqlitePath, the default) or redis.
    /// Everything binds to loopback unless Cluster:AdvertisedAddress names another address.
    /// Cluster:Kubernetes = true (redis mode, in a pod) adds Orleans' Kubernetes hosting: the silo takes its name,
    /// address and cluster identity from the pod (<see cref="UseSweepGridKubernetesHosting"/>).
    /// Tls:CertificatePath turns on mutual TLS for silo and gateway connections (<see cref="SweepGridTls"/>).
    /// </summary>
    public static ISiloBuilder UseSweepGridCluster(this ISiloBuilder silo, SweepGridSettings settings)
    {
        var cluster = settings.Cluster;
        var kubernetes = cluster.Kubernetes && InKubernetesPod();
        var clusterId = ClusterIdentity(cluster.ClusterId, "Cluster:ClusterId", KubernetesHostingOptions.ClusterIdEnvironmentVariable, KubernetesHostingOptions.ClusterIdLabel, kubernetes);
        var serviceId = ClusterIdentity(cluster.ServiceId, "Cluster:ServiceId", KubernetesHostingOptions.ServiceIdEnvironmentVariable, KubernetesHostingOptions.ServiceIdLabel, kubernetes);
        switch (cluster.Mode)
        {
            case ClusterMode.Localhost:
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, null, serviceId, clusterId);
                break;
            case ClusterMode.Redis:
                // Set: RedisOptionsValidator refuses redis mode or storage without it.
                var redis = settings.Redis.ConnectionString!;
                silo.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis));
                // Same values as Kubernetes hosting sets from ORLEANS_CLUSTER_ID / ORLEANS_SERVICE_ID, so neither order wins.
                silo.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = clusterId;
                    options.ServiceId = serviceId;
                });
                if (kubernetes)
                {
                    silo.UseSweepGridKubernetesHosting(cluster);
                }
                else
                {
                    silo.ConfigureEndpoints(cluster.AdvertisedAddress ?? IPAddress.Loopback, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
                }

                break;
        }

        // With Kubernetes hosting the silo is named after its pod (UseSweepGridKubernetesHosting checks Cluster:SiloName).
        if (!kubernetes && cluster.SiloName is { Length: > 0 } name)
        {
            // What `sweepgrid nodes`, the watch view and the logs call this silo (a pod or host name reads better than Orleans' random one).
            silo.Configure<SiloOptions>(options => options.SiloName = name);
        }

        return silo.UseSweepGridTls(settings.Tls).AddSweepGridReminders(settings).AddSweepGridStorage(settings);
    }

    /// <summary>
    /// The reminder table, by Cluster:Mode: redis keeps it in Redis (Redis:ConnectionString), so reminders outlive any
    /// one silo; localhost keeps it in memory, which is enough for the one silo that owns every reminder.
    /// </summary>
    public static ISiloBuilder AddSweepGridReminders(this ISiloBuilder silo, SweepGridSettings settings)
    {
        switch (settings.Cluster.Mode)
        {
            case ClusterMode.Localhost:
                silo.UseInMemoryReminderService();
                break;
            case ClusterMode.Redis:
                var redis = settings.Redis.ConnectionString!;
                silo.UseRedisReminderService(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis));
                break;
        }

        return silo;
    }

    /// <summary>The grain storage every SweepGrid grain uses: Storage:Provider = sqlite (Storage:SqlitePath) or redis (Redis:ConnectionString).</summary>
    public static ISiloBuilder AddSweepGridStorage(this ISiloBuilder silo, SweepGridSettings settings)
    {
        switch (settings.Storage.Provider)
        {
            case StorageProvider.Sqlite:
                var path = settings.Storage.SqlitePath;
                silo.AddSqliteGrainStorage(StorageNames.Default, options => options.DatabasePath = path);
                break;
            case StorageProvider.Redis:
                var connection = settings.Redis.ConnectionString!;
                // The Orleans binary serializer, as with SQLite: grain states are [GenerateSerializer] types.
                silo.AddRedisGrainStorage(StorageNames.Default, (OptionsBuilder<RedisStorageOptions> options) => options.Configure<Serializer>((o, serializer) =>
                {
                    o.ConfigurationOptions = ConfigurationOptions.Parse(connection);
                    o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                    // Clear deletes, as SQLite does: Orleans' default leaves an ETag behind, so a later first write (no ETag) conflicts.
                    o.DeleteStateOnClear = true;
                }));
                break;
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
    private static ISiloBuilder UseSweepGridKubernetesHosting(this ISiloBuilder silo, ClusteringOptions cluster)
    {
        var podName = Environment.GetEnvironmentVariable(KubernetesHostingOptions.PodNameEnvironmentVariable) ?? Environment.MachineName;
        if (cluster.SiloName is { Length: > 0 } name && name != podName)
        {
            throw new SiloConfigurationException("Cluster:SiloName",
                $"Cluster:SiloName '{name}' is not this pod's name '{podName}': with Cluster:Kubernetes the silo is named after its pod " +
                $"({KubernetesHostingOptions.PodNameEnvironmentVariable}), which is how the pod watch matches silos to pods; leave Cluster:SiloName unset");
        }

        // Set here: Orleans' own fallback (some interface's address) is post-configured before the package's POD_IP one, which then never applies.
        var advertised = cluster.AdvertisedAddress ?? PodIp();
        // No listening endpoints: the package's post-configuration binds both ports on every address of the pod.
        silo.Configure<EndpointOptions>(options =>
        {
            options.SiloPort = cluster.SiloPort;
            options.GatewayPort = cluster.GatewayPort;
            if (advertised is not null)
            {
                options.AdvertisedIPAddress = advertised;
            }
        });
        // A silo Orleans has declared dead may still hold its pod (and its GPU): the Deployment replaces a deleted pod.
        return silo.UseKubernetesHosting(options => options.Configure(hosting => hosting.DeleteDefunctSiloPods = true));
    }

    /// <summary>Whether this process is in a Kubernetes pod, as Cluster:Kubernetes=true needs (its validator has checked redis mode); throws where it is not.</summary>
    private static bool InKubernetesPod()
    {
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
    private static string ClusterIdentity(string? configured, string key, string variable, string label, bool kubernetes)
    {
        var fromPod = kubernetes ? Environment.GetEnvironmentVariable(variable) : null;
        if (string.IsNullOrWhiteSpace(fromPod))
        {
            return configured is { Length: > 0 } ? configured : ClusteringOptions.DefaultIdentity;
        }

        if (configured is { Length: > 0 } && configured != fromPod)
        {
            throw new SiloConfigurationException(key,
                $"{key} '{configured}' differs from {variable} '{fromPod}' (the pod's {label} label), which Kubernetes hosting (Cluster:Kubernetes) also sets: leave {key} unset or give it the same value");
        }

        return fromPod;
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
}
