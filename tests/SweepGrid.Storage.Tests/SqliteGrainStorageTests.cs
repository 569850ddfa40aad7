using SweepGrid.Grains.Storage;

namespace SweepGrid.Storage.Tests;

/// <summary>What only the SQLite provider promises: its file. What every provider promises is in GrainStorageConformanceTests.</summary>
public sealed class SqliteGrainStorageTests : IDisposable
{
    private const string StateName = "progress";
    private static readonly GrainId Trial = GrainId.Create("trial", "sweep-1/trial-0001");

    private readonly TempDatabase _database = new();
    private readonly SqliteGrainStorage _storage;

    public SqliteGrainStorageTests()
    {
        _storage = _database.CreateStorage();
    }

    public void Dispose()
    {
        _storage.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task The_database_file_uses_the_wal_journal()
    {
        await WriteNewAsync(Trial, Progress(epoch: 1, loss: 0.5));

        using var connection = _database.OpenSeparateConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", command.ExecuteScalar() as string);
    }

    [Fact]
    public async Task Another_connection_sees_each_write_as_soon_as_it_returns()
    {
        await WriteNewAsync(Trial, Progress(epoch: 1, loss: 0.5));

        using var connection = _database.OpenSeparateConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM grain_state";

        Assert.Equal(1L, command.ExecuteScalar());
    }

    [Fact]
    public async Task Two_providers_on_one_file_wait_for_each_other_instead_of_failing()
    {
        using var second = _database.CreateStorage("second");
        var grains = Enumerable.Range(0, 100).Select(i => GrainId.Create("trial", $"sweep-3/trial-{i:D4}")).ToArray();

        await Task.WhenAll(grains.Select((grain, i) => Task.Run(async () =>
        {
            var storage = i % 2 == 0 ? _storage : second;
            var state = new GrainState<TrialProgress>(Progress(epoch: 0, loss: 1.0));
            for (var epoch = 1; epoch <= 5; epoch++)
            {
                state.State = Progress(epoch, loss: 1.0 / epoch);
                await storage.WriteStateAsync(StateName, grain, state);
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        foreach (var grain in grains)
        {
            Assert.Equal(5, (await StoredAsync(grain)).Epoch);
        }
    }

    private static TrialProgress Progress(int epoch, double loss) =>
        new("sweep-1/trial-0001", epoch, loss, Enumerable.Range(1, epoch).Select(e => loss * e).ToArray());

    private async Task WriteNewAsync(GrainId grain, TrialProgress progress)
    {
        var state = new GrainState<TrialProgress>(progress);
        await _storage.WriteStateAsync(StateName, grain, state);
    }

    private async Task<TrialProgress> StoredAsync(GrainId grain)
    {
        var state = new GrainState<TrialProgress>();
        await _storage.ReadStateAsync(StateName, grain, state);
        Assert.True(state.RecordExists, $"nothing is stored for {grain}");
        Assert.NotNull(state.State);
        return state.State;
    }
}
