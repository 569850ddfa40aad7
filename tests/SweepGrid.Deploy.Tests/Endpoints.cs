using System.Globalization;

namespace SweepGrid.Deploy.Tests;

/// <summary>Host and port out of the address forms the deployment uses: "host:port", "http://host:port".</summary>
public static class Endpoints
{
    public static (string Host, int Port) Parse(string text)
    {
        var value = text.Contains("://", StringComparison.Ordinal) ? new Uri(text).Authority : text.Split(',')[0].Trim();
        var colon = value.LastIndexOf(':');
        Assert.True(colon > 0, $"'{text}' names no port");
        return (value[..colon], int.Parse(value[(colon + 1)..], CultureInfo.InvariantCulture));
    }
}
