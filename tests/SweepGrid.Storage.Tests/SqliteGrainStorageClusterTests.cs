using Orleans.TestingHost;
using SweepGrid.Grains.Storage;

namespace SweepGrid.Storage.Tests;

public sealed class SqliteGrainStorageClusterTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_grains_persistent_state_outlives_the_cluster_that_wrote_it()
    {
        await using (var first = await StartClusterAsync())
        {
            var counter = first.Client.GetGrain<ICounterGrain>("epochs");
            Assert.Equal(1, await counter.Increment().WaitAsync(Timeout));
            Assert.Equal(2, await counter.Increment().WaitAsync(Timeout));
            Assert.Equal(3, await counter.Increment().WaitAsync(Timeout));
            await first.StopAllSilosAsync().WaitAsync(Timeout);
        }

        await using var second = await StartClusterAsync();
        var again = second.Client.GetGrain<ICounterGrain>("epochs");
        Assert.Equal(4, await again.Increment().WaitAsync(Timeout));
        Assert.Equal(1, await second.Client.GetGrain<ICounterGrain>("other").Increment().WaitAsync(Timeout));
    }

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        var databasePath = _database.DatabasePath;
        builder.ConfigureSilo((_, silo) => silo.AddSqliteGrainStorageAsDefault(options => options.DatabasePath = databasePath));
        var cluster = builder.Build();
        await cluster.DeployAsync().WaitAsync(Timeout);
        return cluster;
    }
}
