using Microsoft.Extensions.Options;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;
using SweepGrid.TestData;

namespace SweepGrid.Storage.Tests.Conformance;

public sealed class RedisGrainStorageConformanceTests : GrainStorageConformanceTests
{
    private RedisServer? _redis;

    private RedisServer Redis => _redis ?? throw new InvalidOperationException("redis-server is not running");

    // The same options as AddSweepGridStorage's redis branch (src/Silo/Hosting/SweepGridClusterExtensions.cs).
    protected override void AddStorage(ISiloBuilder silo, string name)
    {
        var connection = Redis.ConnectionString;
        silo.AddRedisGrainStorage(name, (OptionsBuilder<RedisStorageOptions> options) => options.Configure<Serializer>((o, serializer) =>
        {
            o.ConfigurationOptions = ConfigurationOptions.Parse(connection);
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            // Orleans' default (false) keeps a cleared record's ETag: a later first write conflicts there and not on SQLite.
            o.DeleteStateOnClear = true;
        }));
    }

    // Durable: an append-only file synced on every write, as a production Redis keeps grain state.
    protected override async Task CreateStoreAsync() => _redis = await RedisServer.StartAsync(durable: true);

    // kill -9 and a start on the same port and data folder: only what Redis had made durable comes back.
    protected override async Task RestartStoreAsync()
    {
        await Redis.KillHardAsync();
        await Redis.RestartAsync();
    }

    protected override async Task DeleteStoreAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
