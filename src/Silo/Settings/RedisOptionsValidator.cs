using StackExchange.Redis;
using SweepGrid.Silo.Hosting;

namespace SweepGrid.Silo.Settings;

/// <summary>Redis: a connection string wherever Cluster:Mode or Storage:Provider is redis, and one StackExchange.Redis can read.</summary>
public sealed class RedisOptionsValidator : ISettingsValidator
{
    public void Validate(SweepGridSettings settings)
    {
        var needs = settings.Cluster.Mode == ClusterMode.Redis ? "Cluster:Mode=redis"
            : settings.Storage.Provider == StorageProvider.Redis ? "Storage:Provider=redis"
            : null;
        if (settings.Redis.ConnectionString is not { Length: > 0 } connection)
        {
            if (needs is not null)
            {
                throw new SiloConfigurationException("Redis:ConnectionString",
                    $"Redis:ConnectionString is not set, and {needs} needs it: give the Redis server as host:port (e.g. 127.0.0.1:6379)");
            }

            return;
        }

        try
        {
            ConfigurationOptions.Parse(connection);
        }
        catch (ArgumentException e)
        {
            // Not the text itself: a connection string may carry a password.
            throw new SiloConfigurationException("Redis:ConnectionString",
                $"Redis:ConnectionString is not a Redis connection string ({e.Message}): give host:port (e.g. 127.0.0.1:6379), optionally followed by ,option=value", e);
        }
    }
}
