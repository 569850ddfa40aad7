using Orleans.Storage;
using SweepGrid.Grains.Storage;

namespace SweepGrid.Storage.Tests;

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
    public async Task A_written_record_reads_back_equal_in_a_fresh_grain_state()
    {
        var progress = Progress(epoch: 3, loss: 0.42);
        var written = await WriteNewAsync(Trial, progress);

        var read = await ReadAsync(Trial);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.NotNull(read.State);
        Assert.Equal(progress.TrialId, read.State.TrialId);
        Assert.Equal(progress.Epoch, read.State.Epoch);
        Assert.Equal(progress.Loss, read.State.Loss);
        Assert.Equal(progress.History, read.State.History);
    }

    [Fact]
    public async Task Reading_what_was_never_written_reports_no_record()
    {
        var read = await ReadAsync(Trial);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task Every_write_gives_a_new_etag()
    {
        var state = new GrainState<TrialProgress>(Progress(epoch: 1, loss: 1.0));
        var seen = new HashSet<string>();
        for (var epoch = 1; epoch <= 5; epoch++)
        {
            state.State = Progress(epoch, loss: 1.0 / epoch);
            await _storage.WriteStateAsync(StateName, Trial, state);
            Assert.NotNull(state.ETag);
            Assert.True(seen.Add(state.ETag), $"ETag {state.ETag} was handed out twice");
        }

        Assert.Equal(5, (await StoredAsync(Trial)).Epoch);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_conflicts_and_leaves_the_stored_value_alone()
    {
        var first = await WriteNewAsync(Trial, Progress(epoch: 1, loss: 0.9));
        var staleETag = first.ETag;
        first.State = Progress(epoch: 2, loss: 0.8);
        await _storage.WriteStateAsync(StateName, Trial, first);

        var stale = new GrainState<TrialProgress>(Progress(epoch: 99, loss: 0.0), staleETag) { RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, Trial, stale));

        var read = await StoredAsync(Trial);
        Assert.Equal(2, read.Epoch);
        Assert.Equal(first.ETag, (await ReadAsync(Trial)).ETag);
        Assert.Equal(staleETag, stale.ETag);
    }

    [Fact]
    public async Task Writing_as_new_over_an_existing_record_conflicts()
    {
        await WriteNewAsync(Trial, Progress(epoch: 1, loss: 0.9));

        var fresh = new GrainState<TrialProgress>(Progress(epoch: 7, loss: 0.1));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, Trial, fresh));

        Assert.Equal(1, (await StoredAsync(Trial)).Epoch);
    }

    [Fact]
    public async Task Writing_with_an_etag_where_no_record_exists_conflicts_and_stores_nothing()
    {
        var ghost = new GrainState<TrialProgress>(Progress(epoch: 1, loss: 0.9), "0123456789abcdef0123456789abcdef");

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, Trial, ghost));

        Assert.False((await ReadAsync(Trial)).RecordExists);
    }

    [Fact]
    public async Task Different_grains_and_different_state_names_keep_separate_records()
    {
        var other = GrainId.Create("trial", "sweep-1/trial-0002");
        await WriteNewAsync(Trial, Progress(epoch: 1, loss: 0.1));
        await WriteNewAsync(other, Progress(epoch: 2, loss: 0.2));
        var checkpoint = new GrainState<TrialProgress>(Progress(epoch: 3, loss: 0.3));
        await _storage.WriteStateAsync("checkpoint", Trial, checkpoint);

        Assert.Equal(1, (await StoredAsync(Trial)).Epoch);
        Assert.Equal(2, (await StoredAsync(other)).Epoch);
        var readCheckpoint = new GrainState<TrialProgress>();
        await _storage.ReadStateAsync("checkpoint", Trial, readCheckpoint);
        Assert.Equal(3, readCheckpoint.State?.Epoch);
        var missing = new GrainState<TrialProgress>();
        await _storage.ReadStateAsync("checkpoint", other, missing);
        Assert.False(missing.RecordExists);
    }

    [Fact]
    public async Task The_same_key_in_another_grain_type_is_another_record()
    {
        var sweep = GrainId.Create("sweep", Trial.Key.ToString());
        await WriteNewAsync(Trial, Progress(epoch: 1, loss: 0.1));

        Assert.False((await ReadAsync(sweep)).RecordExists);
    }

    [Fact]
    public async Task Records_survive_closing_the_provider_and_opening_the_file_again()
    {
        var written = await WriteNewAsync(Trial, Progress(epoch: 4, loss: 0.25));
        _storage.Dispose();

        using var reopened = _database.CreateStorage();
        var read = new GrainState<TrialProgress>();
        await reopened.ReadStateAsync(StateName, Trial, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(4, read.State?.Epoch);

        // The etag read back still guards the record after the reopen.
        read.State = Progress(epoch: 5, loss: 0.2);
        await reopened.WriteStateAsync(StateName, Trial, read);
        await Assert.ThrowsAsync<InconsistentStateException>(() => reopened.WriteStateAsync(StateName, Trial, written));
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
    public async Task Clearing_removes_the_record_and_a_later_write_starts_it_afresh()
    {
        var state = await WriteNewAsync(Trial, Progress(epoch: 1, loss: 0.5));

        await _storage.ClearStateAsync(StateName, Trial, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.False((await ReadAsync(Trial)).RecordExists);

        state.State = Progress(epoch: 2, loss: 0.4);
        await _storage.WriteStateAsync(StateName, Trial, state);
        Assert.Equal(2, (await StoredAsync(Trial)).Epoch);
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_conflicts_and_keeps_the_record()
    {
        var state = await WriteNewAsync(Trial, Progress(epoch: 1, loss: 0.5));
        var stale = new GrainState<TrialProgress>(state.State, state.ETag) { RecordExists = true };
        state.State = Progress(epoch: 2, loss: 0.4);
        await _storage.WriteStateAsync(StateName, Trial, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync(StateName, Trial, stale));

        Assert.Equal(2, (await StoredAsync(Trial)).Epoch);
    }

    [Fact]
    public async Task Clearing_without_an_etag_while_a_record_exists_conflicts()
    {
        await WriteNewAsync(Trial, Progress(epoch: 1, loss: 0.5));

        var unaware = new GrainState<TrialProgress>();
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync(StateName, Trial, unaware));

        Assert.True((await ReadAsync(Trial)).RecordExists);
    }

    [Fact]
    public async Task Many_grains_writing_at_once_all_succeed()
    {
        const int Grains = 200;
        const int WritesPerGrain = 5;
        var grains = Enumerable.Range(0, Grains).Select(i => GrainId.Create("trial", $"sweep-2/trial-{i:D4}")).ToArray();

        await Task.WhenAll(grains.Select(grain => Task.Run(async () =>
        {
            var state = new GrainState<TrialProgress>(Progress(epoch: 0, loss: 1.0));
            for (var epoch = 1; epoch <= WritesPerGrain; epoch++)
            {
                state.State = Progress(epoch, loss: 1.0 / epoch) with { TrialId = grain.ToString() };
                await _storage.WriteStateAsync(StateName, grain, state);
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        foreach (var grain in grains)
        {
            var read = await StoredAsync(grain);
            Assert.Equal(WritesPerGrain, read.Epoch);
            Assert.Equal(grain.ToString(), read.TrialId);
        }
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

    private async Task<GrainState<TrialProgress>> WriteNewAsync(GrainId grain, TrialProgress progress)
    {
        var state = new GrainState<TrialProgress>(progress);
        await _storage.WriteStateAsync(StateName, grain, state);
        return state;
    }

    private async Task<TrialProgress> StoredAsync(GrainId grain)
    {
        var state = await ReadAsync(grain);
        Assert.True(state.RecordExists, $"nothing is stored for {grain}");
        Assert.NotNull(state.State);
        return state.State;
    }

    private async Task<GrainState<TrialProgress>> ReadAsync(GrainId grain)
    {
        var state = new GrainState<TrialProgress>();
        await _storage.ReadStateAsync(StateName, grain, state);
        return state;
    }
}
