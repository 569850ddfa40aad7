using System.Globalization;
using System.Net;

namespace SweepGrid.Client.Cluster;

/// <summary>
/// Where the CLI finds a SweepGrid cluster: <c>localhost[:GATEWAY_PORT]</c> (a silo on this machine, gateway 30000
/// by default) or <c>redis://HOST:PORT</c> (silos that cluster through Redis). From <c>--cluster</c> or SWEEPGRID_CLUSTER.
/// </summary>
public sealed record ClusterTarget(string Text, int? GatewayPort, string? Redis)
{
    public const string Variable = "SWEEPGRID_CLUSTER";
    public const int DefaultGatewayPort = 30000;

    public static ClusterTarget Parse(string text)
    {
        var value = text.Trim();
        if (value.StartsWith("redis://", StringComparison.OrdinalIgnoreCase))
        {
            var server = value["redis://".Length..].TrimEnd('/');
            if (server.Length == 0)
            {
                throw Bad(text);
            }

            return new ClusterTarget(value, null, server);
        }

        var parts = value.Split(':');
        if (parts[0] is not ("localhost" or "127.0.0.1") || parts.Length > 2)
        {
            throw Bad(text);
        }

        if (parts.Length == 1)
        {
            return new ClusterTarget($"localhost:{DefaultGatewayPort}", DefaultGatewayPort, null);
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > IPEndPoint.MaxPort)
        {
            throw Bad(text);
        }

        return new ClusterTarget($"localhost:{port}", port, null);
    }

    public override string ToString() => Text;

    private static CliInputException Bad(string text) => new(
        $"--cluster '{text}' is not a cluster address: use localhost, localhost:PORT (a silo's gateway port on this machine) or redis://HOST:PORT");
}
