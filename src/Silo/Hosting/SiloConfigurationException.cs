namespace SweepGrid.Silo.Hosting;

/// <summary>A setting of a silo or client (Cluster:*, Storage:*, Tls:*, Workers:*) that cannot be used; the message names the key and what is allowed.</summary>
public sealed class SiloConfigurationException(string key, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Key { get; } = key;
}
