using System.Net;
using SweepGrid.Silo.Hosting;

namespace SweepGrid.Silo.Settings;

/// <summary>Cluster: ports that can be bound and told apart; Kubernetes hosting only where silos find each other through Redis.</summary>
public sealed class ClusteringOptionsValidator : ISettingsValidator
{
    public void Validate(SweepGridSettings settings)
    {
        var cluster = settings.Cluster;
        Port("Cluster:SiloPort", cluster.SiloPort);
        Port("Cluster:GatewayPort", cluster.GatewayPort);
        if (cluster.SiloPort == cluster.GatewayPort)
        {
            throw new SiloConfigurationException("Cluster:GatewayPort",
                $"Cluster:GatewayPort '{cluster.GatewayPort}' is Cluster:SiloPort too: give the gateway another port (the defaults are 11111 and 30000)");
        }

        if (cluster.Kubernetes && cluster.Mode != ClusterMode.Redis)
        {
            throw new SiloConfigurationException("Cluster:Kubernetes",
                $"Cluster:Kubernetes=true works only with Cluster:Mode redis, not '{cluster.Mode.ToString().ToLowerInvariant()}' (Kubernetes hosting is no membership provider: silos in pods find each other through Redis): set Cluster:Mode=redis or Cluster:Kubernetes=false");
        }
    }

    private static void Port(string key, int port)
    {
        if (port is < 1 or > IPEndPoint.MaxPort)
        {
            throw new SiloConfigurationException(key, $"{key} '{port}' is not a port: use 1 to {IPEndPoint.MaxPort}");
        }
    }
}
