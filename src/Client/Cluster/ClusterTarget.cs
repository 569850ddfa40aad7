using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace SweepGrid.Client.Cluster;

/// <summary>
/// Where the CLI finds a SweepGrid cluster: <c>localhost[:GATEWAY_PORT]</c> (a silo on this machine, gateway 30000
/// by default) or <c>redis://[[USER]:PASSWORD@]HOST[:PORT]</c> (silos that cluster through Redis; <c>rediss://</c> for
/// Redis over TLS; StackExchange.Redis options may follow as <c>,name=value</c>). From <c>--cluster</c> or SWEEPGRID_CLUSTER.
/// <see cref="Text"/>, the form every message shows, never holds the password.
/// </summary>
public sealed partial record ClusterTarget(string Text, int? GatewayPort, ConfigurationOptions? Redis)
{
    public const string Variable = "SWEEPGRID_CLUSTER";
    public const int DefaultGatewayPort = 30000;

    public static ClusterTarget Parse(string text)
    {
        var value = text.Trim();
        if (RedisScheme().Match(value) is { Success: true } scheme)
        {
            return ParseRedis(text, value[scheme.Length..].TrimEnd('/'), tls: scheme.Value.Length == "rediss://".Length);
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

    /// <summary>The text with every password in it (<c>:PASSWORD@</c>, <c>password=…</c>) replaced by ***.</summary>
    public static string Masked(string text) => PasswordOption().Replace(UserInfoPassword().Replace(text, "$1:***@"), "$1***");

    private static ClusterTarget ParseRedis(string text, string server, bool tls)
    {
        // USER:PASSWORD@ belongs to the address, before any ",option=value".
        var address = server.Split(',')[0];
        var at = address.LastIndexOf('@');
        string? user = null;
        string? password = null;
        if (at >= 0)
        {
            var userInfo = address[..at];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new CliInputException($"--cluster '{Masked(text)}' names no password before '@': write redis://:PASSWORD@HOST:PORT (or USER:PASSWORD@; percent-encode ':', '@' and ',' in them)");
            }

            user = colon > 0 ? Uri.UnescapeDataString(userInfo[..colon]) : null;
            password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            server = server[(at + 1)..];
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(server);
        }
        catch (ArgumentException)
        {
            throw Bad(text);
        }

        if (options.EndPoints.Count == 0)
        {
            throw Bad(text);
        }

        options.User = user ?? options.User;
        options.Password = password ?? options.Password;
        options.Ssl |= tls;
        return new ClusterTarget(Masked(text.Trim()), null, options);
    }

    private static CliInputException Bad(string text) => new(
        $"--cluster '{Masked(text)}' is not a cluster address: use localhost, localhost:PORT (a silo's gateway port on this machine) or redis://[:PASSWORD@]HOST:PORT (rediss:// for Redis over TLS)");

    [GeneratedRegex(@"^rediss?://", RegexOptions.IgnoreCase)]
    private static partial Regex RedisScheme();

    [GeneratedRegex(@"(?<=://)(?:([^:/@,]*):)?[^,]*@")]
    private static partial Regex UserInfoPassword();

    [GeneratedRegex(@"(password=)[^,]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordOption();
}
