namespace SweepGrid.Silo.Settings;

/// <summary>The Redis server of a cluster: section Redis.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis connection string (host:port, e.g. 127.0.0.1:6379); no default, needed by Cluster:Mode=redis and Storage:Provider=redis.</summary>
    public string? ConnectionString { get; set; }
}
