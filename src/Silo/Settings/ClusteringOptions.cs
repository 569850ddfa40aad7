using System.Net;
using Orleans.Configuration;

namespace SweepGrid.Silo.Settings;

/// <summary>How this silo joins its cluster: section Cluster (not Orleans' own <see cref="ClusterOptions"/>, which it sets).</summary>
public sealed class ClusteringOptions
{
    public const string Section = "Cluster";

    /// <summary>The cluster and service id where neither the settings nor the pod give one.</summary>
    public const string DefaultIdentity = "sweepgrid";

    /// <summary>localhost (one machine, the default) or redis (silos anywhere, through Redis:ConnectionString).</summary>
    public ClusterMode Mode { get; set; } = ClusterMode.Localhost;

    /// <summary>The port silos talk to each other on; default 11111.</summary>
    public int SiloPort { get; set; } = EndpointOptions.DEFAULT_SILO_PORT;

    /// <summary>The port clients (sweepgrid launch, watch, …) connect to; default 30000.</summary>
    public int GatewayPort { get; set; } = EndpointOptions.DEFAULT_GATEWAY_PORT;

    /// <summary>Orleans' cluster id; unset (the default): sweepgrid, or the pod's orleans/clusterId label with Kubernetes hosting.</summary>
    public string? ClusterId { get; set; }

    /// <summary>Orleans' service id, part of every Redis key; unset (the default): sweepgrid, or the pod's orleans/serviceId label with Kubernetes hosting.</summary>
    public string? ServiceId { get; set; }

    /// <summary>The IP address the other silos and the clients reach this silo on (redis mode); unset (the default): loopback, or the pod's IP with Kubernetes hosting.</summary>
    public IPAddress? AdvertisedAddress { get; set; }

    /// <summary>What `sweepgrid nodes`, the watch view and the logs call this silo; unset (the default): Orleans' generated name, or the pod's name with Kubernetes hosting.</summary>
    public string? SiloName { get; set; }

    /// <summary>true: a silo in a Kubernetes pod (redis mode only) takes its name, address and cluster identity from the pod; default false.</summary>
    public bool Kubernetes { get; set; }
}
