using System.Net;
using SweepGrid.Silo.Hosting;

namespace SweepGrid.Silo.Settings;

/// <summary>Dashboard: a port that can be bound and is not one of the silo's own, an IP address to listen on.</summary>
public sealed class DashboardOptionsValidator : ISettingsValidator
{
    public void Validate(SweepGridSettings settings)
    {
        var dashboard = settings.Dashboard;
        if (dashboard.Port is < 1 or > IPEndPoint.MaxPort)
        {
            throw new SiloConfigurationException("Dashboard:Port", $"Dashboard:Port '{dashboard.Port}' is not a port: use 1 to {IPEndPoint.MaxPort} (default 8080)");
        }

        if (!IPAddress.TryParse(dashboard.Bind, out _))
        {
            throw new SiloConfigurationException("Dashboard:Bind",
                $"Dashboard:Bind '{dashboard.Bind}' is not an IP address: use 127.0.0.1 (this machine only, the default), 0.0.0.0 (every IPv4 interface), :: or one interface's address");
        }

        if (dashboard.Enabled && (dashboard.Port == settings.Cluster.SiloPort || dashboard.Port == settings.Cluster.GatewayPort))
        {
            throw new SiloConfigurationException("Dashboard:Port",
                $"Dashboard:Port '{dashboard.Port}' is the silo's Cluster:SiloPort or Cluster:GatewayPort too: give the dashboard another port (default 8080)");
        }
    }
}
