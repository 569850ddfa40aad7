using Orleans.Storage;

namespace SweepGrid.Storage.Tests.Conformance;

/// <summary>
/// What every grain storage provider SweepGrid runs on must do, in the spirit of Orleans.Persistence.TestKit: each
/// provider's subclass says how to build it the way the silo does and how to restart its store.
/// </summary>
public abstract class GrainStorageConformanceTests : IAsyncLifetime
{
    private const string StateName = "trial";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly GrainId Trial = GrainId.Create("trial", "sweep-1/trial-0001");

    private StorageHost? _host;

    private IGrainStorage Storage => (_host ?? throw new InvalidOperationException("the provider is not running")).Storage;

    /// <summary>Registers the provider on <paramref name="silo"/> under <paramref name="name"/> as AddSweepGridStorage does, against this test's store.</summary>
    protected abstract void AddStorage(ISiloBuilder silo, string name);

    /// <summary>Creates this test's empty store.</summary>
    protected abstract Task CreateStoreAsync();

    /// <summary>Restarts the store itself while no provider is open on it (a provider restart is the suite's part).</summary>
    protected abstract Task RestartStoreAsync();

    /// <summary>Stops the store and deletes everything in it.</summary>
    protected abstract Task DeleteStoreAsync();

    public async Task InitializeAsync()
    {
        await CreateStoreAsync();
        try
        {
            _host = await StorageHost.StartAsync(AddStorage);
        }
        catch
        {
            // xunit calls DisposeAsync only after a successful InitializeAsync: a redis-server started here would outlive the run.
            await DeleteStoreAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }
        }
        finally
        {
            await DeleteStoreAsync();
        }
    }

    [Fact]
    public async Task Reading_a_record_that_was_never_written_finds_none()
    {
        var read = await ReadAsync(Trial);

        Assert.False(read.RecordExists);
        Assert.True(string.IsNullOrEmpty(read.ETag), $"a missing record came with ETag {read.ETag}");
        Assert.NotNull(read.State);
        Assert.Equal("", read.State.Writer);
        Assert.Equal(0, read.State.Revision);
        Assert.Empty(read.State.Losses);
    }

    [Fact]
    public async Task A_written_state_reads_back_equal_with_the_same_etag_in_a_fresh_grain_state()
    {
        var log = Log("writer", revision: 3, losses: 5);
        var written = await WriteNewAsync(Trial, log);

        var read = await ReadAsync(Trial);

        Assert.True(written.RecordExists);
        Assert.False(string.IsNullOrEmpty(written.ETag));
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        AssertSameLog(log, read.State);
    }

    [Fact]
    public async Task Writing_with_the_current_etag_replaces_the_state_and_gives_a_new_etag()
    {
        var state = await WriteNewAsync(Trial, Log("writer", revision: 1, losses: 1));
        var seen = new HashSet<string> { state.ETag! };
        for (var revision = 2; revision <= 4; revision++)
        {
            state.State = Log("writer", revision, losses: revision);
            await Storage.WriteStateAsync(StateName, Trial, state).WaitAsync(Timeout);

            Assert.True(state.ETag is { Length: > 0 } && seen.Add(state.ETag), $"revision {revision} got ETag {state.ETag}, not a new one");
            var read = await ReadAsync(Trial);
            Assert.Equal(state.ETag, read.ETag);
            AssertSameLog(state.State, read.State);
        }
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_conflicts_and_leaves_the_stored_state_alone()
    {
        var current = await WriteNewAsync(Trial, Log("first", revision: 1, losses: 1));
        var staleETag = current.ETag;
        current.State = Log("second", revision: 2, losses: 2);
        await Storage.WriteStateAsync(StateName, Trial, current).WaitAsync(Timeout);

        var stale = new GrainState<TrialLog>(Log("stale", revision: 99, losses: 3), staleETag) { RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, Trial, stale).WaitAsync(Timeout));

        var read = await ReadAsync(Trial);
        Assert.Equal(current.ETag, read.ETag);
        AssertSameLog(current.State, read.State);
        Assert.Equal(staleETag, stale.ETag);
    }

    [Fact]
    public async Task A_first_write_over_a_record_that_already_exists_conflicts()
    {
        var existing = await WriteNewAsync(Trial, Log("existing", revision: 1, losses: 1));

        var unaware = new GrainState<TrialLog>(Log("unaware", revision: 7, losses: 2));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, Trial, unaware).WaitAsync(Timeout));

        var read = await ReadAsync(Trial);
        Assert.Equal(existing.ETag, read.ETag);
        AssertSameLog(existing.State, read.State);
    }

    [Fact]
    public async Task A_write_with_an_etag_where_no_record_exists_conflicts_and_stores_nothing()
    {
        var ghost = new GrainState<TrialLog>(Log("ghost", revision: 1, losses: 1), "0123456789abcdef0123456789abcdef") { RecordExists = true };

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, Trial, ghost).WaitAsync(Timeout));

        Assert.False((await ReadAsync(Trial)).RecordExists);
    }

    [Fact]
    public async Task Clearing_removes_the_record_as_if_it_had_never_been_written()
    {
        var state = await WriteNewAsync(Trial, Log("writer", revision: 1, losses: 2));

        await Storage.ClearStateAsync(StateName, Trial, state).WaitAsync(Timeout);

        Assert.False(state.RecordExists);
        var read = await ReadAsync(Trial);
        Assert.False(read.RecordExists);
        Assert.True(string.IsNullOrEmpty(read.ETag), $"a cleared record still reads with ETag {read.ETag}");
        Assert.NotNull(read.State);
        Assert.Empty(read.State.Losses);

        // Nothing is left behind to conflict with: a first write (no ETag) succeeds as on a record never written.
        var first = await WriteNewAsync(Trial, Log("first", revision: 1, losses: 1));
        AssertSameLog(first.State, (await ReadAsync(Trial)).State);
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_conflicts_and_keeps_the_record()
    {
        var current = await WriteNewAsync(Trial, Log("first", revision: 1, losses: 1));
        var stale = new GrainState<TrialLog>(current.State, current.ETag) { RecordExists = true };
        current.State = Log("second", revision: 2, losses: 2);
        await Storage.WriteStateAsync(StateName, Trial, current).WaitAsync(Timeout);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, Trial, stale).WaitAsync(Timeout));

        var read = await ReadAsync(Trial);
        Assert.True(read.RecordExists);
        Assert.Equal(current.ETag, read.ETag);
        AssertSameLog(current.State, read.State);
    }

    [Fact]
    public async Task Clearing_without_an_etag_while_a_record_exists_conflicts_and_keeps_the_record()
    {
        var existing = await WriteNewAsync(Trial, Log("existing", revision: 1, losses: 1));

        var unaware = new GrainState<TrialLog>(new TrialLog());
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, Trial, unaware).WaitAsync(Timeout));

        var read = await ReadAsync(Trial);
        Assert.True(read.RecordExists);
        Assert.Equal(existing.ETag, read.ETag);
    }

    [Fact]
    public async Task Writing_after_a_clear_stores_the_new_state_from_the_cleared_grain_state_or_a_fresh_one()
    {
        var state = await WriteNewAsync(Trial, Log("before", revision: 1, losses: 1));
        await Storage.ClearStateAsync(StateName, Trial, state).WaitAsync(Timeout);

        // The activation that cleared writes on with what the clear left it.
        state.State = Log("after", revision: 2, losses: 2);
        await Storage.WriteStateAsync(StateName, Trial, state).WaitAsync(Timeout);
        var read = await ReadAsync(Trial);
        Assert.Equal(state.ETag, read.ETag);
        AssertSameLog(state.State, read.State);

        // A later activation reads the cleared record and writes from what it read.
        await Storage.ClearStateAsync(StateName, Trial, read).WaitAsync(Timeout);
        var fresh = await ReadAsync(Trial);
        fresh.State = Log("fresh", revision: 3, losses: 3);
        await Storage.WriteStateAsync(StateName, Trial, fresh).WaitAsync(Timeout);
        AssertSameLog(fresh.State, (await ReadAsync(Trial)).State);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Of_writers_racing_from_the_same_etag_exactly_one_wins_and_its_state_is_stored(bool recordExists)
    {
        const int Writers = 16;
        var etag = recordExists ? (await WriteNewAsync(Trial, Log("original", revision: 0, losses: 1))).ETag : null;
        var states = Enumerable.Range(0, Writers)
            .Select(i => new GrainState<TrialLog>(Log($"writer-{i}", revision: i, losses: 3), etag) { RecordExists = recordExists })
            .ToArray();
        using var start = new SemaphoreSlim(0, Writers);

        var writes = states.Select(state => Task.Run(async () =>
        {
            await start.WaitAsync();
            await Storage.WriteStateAsync(StateName, Trial, state);
        })).ToArray();
        start.Release(Writers);
        try
        {
            await Task.WhenAll(writes).WaitAsync(Timeout);
        }
        catch (InconsistentStateException)
        {
            // The losers' exceptions are read from each task below.
        }

        var winners = Enumerable.Range(0, Writers).Where(i => writes[i].IsCompletedSuccessfully).ToArray();
        var winner = Assert.Single(winners);
        Assert.All(
            writes.Where((_, i) => i != winner),
            loser => Assert.IsType<InconsistentStateException>(loser.Exception?.InnerException));
        var read = await ReadAsync(Trial);
        Assert.Equal(states[winner].ETag, read.ETag);
        AssertSameLog(states[winner].State, read.State);
    }

    [Fact]
    public async Task Many_grains_writing_at_once_all_succeed()
    {
        const int Grains = 200;
        const int WritesPerGrain = 5;
        var grains = Enumerable.Range(0, Grains).Select(i => GrainId.Create("trial", $"sweep-2/trial-{i:D4}")).ToArray();

        await Task.WhenAll(grains.Select(grain => Task.Run(async () =>
        {
            var state = new GrainState<TrialLog>(new TrialLog());
            for (var revision = 1; revision <= WritesPerGrain; revision++)
            {
                state.State = Log(grain.ToString(), revision, losses: revision);
                await Storage.WriteStateAsync(StateName, grain, state);
            }
        }))).WaitAsync(Timeout);

        foreach (var grain in grains)
        {
            AssertSameLog(Log(grain.ToString(), WritesPerGrain, losses: WritesPerGrain), (await ReadAsync(grain)).State);
        }
    }

    [Fact]
    public async Task A_state_of_several_megabytes_round_trips()
    {
        // 400,000 losses: about 3 MB serialized, far past any single page, buffer or packet.
        var log = Log("large", revision: 1, losses: 400_000);
        var written = await WriteNewAsync(Trial, log);

        var read = await ReadAsync(Trial);

        Assert.Equal(written.ETag, read.ETag);
        AssertSameLog(log, read.State);
    }

    [Fact]
    public async Task A_written_state_and_its_etag_survive_a_restart_of_the_store_and_the_etag_still_guards_it()
    {
        var log = Log("before-restart", revision: 4, losses: 4);
        var written = await WriteNewAsync(Trial, log);

        await RestartAsync();

        var read = await ReadAsync(Trial);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        AssertSameLog(log, read.State);

        read.State = Log("after-restart", revision: 5, losses: 5);
        await Storage.WriteStateAsync(StateName, Trial, read).WaitAsync(Timeout);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, Trial, written).WaitAsync(Timeout));
        AssertSameLog(read.State, (await ReadAsync(Trial)).State);
    }

    [Fact]
    public async Task Different_grains_grain_types_and_state_names_keep_separate_records()
    {
        var otherTrial = GrainId.Create("trial", "sweep-1/trial-0002");
        var sweepWithSameKey = GrainId.Create("sweep", Trial.Key.ToString());
        var trial = await WriteNewAsync(Trial, Log("trial", revision: 1, losses: 1));
        var other = await WriteNewAsync(otherTrial, Log("other", revision: 2, losses: 2));
        var checkpoint = new GrainState<TrialLog>(Log("checkpoint", revision: 3, losses: 3));
        await Storage.WriteStateAsync("checkpoint", Trial, checkpoint).WaitAsync(Timeout);

        // Neither a first write nor a clear of one record looks at another's ETag.
        await Storage.ClearStateAsync(StateName, otherTrial, other).WaitAsync(Timeout);

        AssertSameLog(trial.State, (await ReadAsync(Trial)).State);
        Assert.False((await ReadAsync(otherTrial)).RecordExists);
        Assert.False((await ReadAsync(sweepWithSameKey)).RecordExists);
        AssertSameLog(checkpoint.State, (await ReadAsync(Trial, "checkpoint")).State);
        Assert.False((await ReadAsync(otherTrial, "checkpoint")).RecordExists);
        Assert.NotEqual(trial.ETag, checkpoint.ETag);
    }

    private static TrialLog Log(string writer, int revision, int losses) => new()
    {
        Writer = writer,
        Revision = revision,
        Losses = Enumerable.Range(1, losses).Select(epoch => 1.0 / (epoch + revision)).ToList(),
    };

    private static void AssertSameLog(TrialLog? expected, TrialLog? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.Writer, actual.Writer);
        Assert.Equal(expected.Revision, actual.Revision);
        Assert.Equal(expected.Losses, actual.Losses);
    }

    private async Task RestartAsync()
    {
        var host = _host;
        _host = null;
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await RestartStoreAsync();
        _host = await StorageHost.StartAsync(AddStorage);
    }

    private async Task<GrainState<TrialLog>> WriteNewAsync(GrainId grain, TrialLog log)
    {
        var state = new GrainState<TrialLog>(log);
        await Storage.WriteStateAsync(StateName, grain, state).WaitAsync(Timeout);
        return state;
    }

    /// <summary>Reads as a new activation does: into a grain state holding a new, empty state object.</summary>
    private async Task<GrainState<TrialLog>> ReadAsync(GrainId grain, string stateName = StateName)
    {
        var state = new GrainState<TrialLog>(new TrialLog());
        await Storage.ReadStateAsync(stateName, grain, state).WaitAsync(Timeout);
        return state;
    }
}
