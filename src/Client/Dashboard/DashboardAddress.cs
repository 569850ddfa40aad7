using System.Net;

namespace SweepGrid.Client.Dashboard;

/// <summary>Where the dashboard listens: loopback unless the user names another address and says --allow-remote.</summary>
public sealed record DashboardAddress(IPAddress Bind, int Port)
{
    public const int DefaultPort = 8765;

    /// <summary>The options checked: a port from 0 (any free one) to 65535, an IP address, and no address other machines reach
    /// unless <paramref name="allowRemote"/>, since the dashboard has no login and serves the sweeps' weights.</summary>
    public static DashboardAddress Parse(string? bind, int port, bool allowRemote)
    {
        if (port is < 0 or > 65_535)
        {
            throw new CliInputException($"--port {port} is out of range: give a port from 1 to 65535 (or 0 for any free one)");
        }

        var text = string.IsNullOrWhiteSpace(bind) ? "127.0.0.1" : bind.Trim();
        if (text.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            text = "127.0.0.1";
        }

        if (!IPAddress.TryParse(text.Trim('[', ']'), out var address))
        {
            throw new CliInputException($"--bind '{bind}' is not an IP address: give one such as 127.0.0.1 (the default), ::1 or, with --allow-remote, 0.0.0.0");
        }

        if (!IPAddress.IsLoopback(address) && !allowRemote)
        {
            throw new CliInputException($"--bind {address} lets other machines open the dashboard, which has no login and serves the sweeps' weights: "
                + "add --allow-remote to mean it, or leave --bind out to stay on 127.0.0.1");
        }

        return new DashboardAddress(address, port);
    }
}
