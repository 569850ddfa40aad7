using Microsoft.Extensions.Logging;
using Orleans.Storage;
using SweepGrid.Contracts.Leaderboards;

namespace SweepGrid.Grains.Leaderboards;

/// <summary>
/// Top-k of a sweep, kept sorted as results arrive (binary insertion). Writes are batched by a timer:
/// what a crash loses in between, the sweep's reconciliation resubmits.
/// </summary>
public sealed class LeaderboardGrain(
    [PersistentState("leaderboard", StorageNames.Default)] IPersistentState<LeaderboardGrainState> board,
    ILogger<LeaderboardGrain> logger) : Grain, ILeaderboardGrain
{
    private static readonly TimeSpan WriteDelay = TimeSpan.FromMilliseconds(500);
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private IGrainTimer? _writer;
    private bool _dirty;

    private LeaderboardGrainState State => board.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ids.UnionWith(State.Entries.Select(e => e.TrialId));
        return Task.CompletedTask;
    }

    public async Task Configure(string metric, bool maximize, int capacity)
    {
        if (State.Metric == metric && State.Maximize == maximize && State.Capacity == capacity)
        {
            return;
        }

        State.Metric = metric;
        State.Maximize = maximize;
        State.Capacity = capacity;
        State.Entries.Sort(new LeaderboardOrder(maximize));
        await board.WriteStateAsync();
    }

    public Task Submit(LeaderboardEntry entry)
    {
        Insert(entry);
        return Task.CompletedTask;
    }

    public Task SubmitAll(IReadOnlyList<LeaderboardEntry> entries)
    {
        foreach (var entry in entries)
        {
            Insert(entry);
        }

        return Task.CompletedTask;
    }

    private void Insert(LeaderboardEntry entry)
    {
        var entries = State.Entries;
        if (_ids.Contains(entry.TrialId))
        {
            return;
        }

        var at = entries.BinarySearch(entry, new LeaderboardOrder(State.Maximize));
        at = at < 0 ? ~at : at;
        if (at >= State.Capacity)
        {
            return;
        }

        entries.Insert(at, entry);
        _ids.Add(entry.TrialId);
        if (entries.Count > State.Capacity)
        {
            _ids.Remove(entries[^1].TrialId);
            entries.RemoveAt(entries.Count - 1);
        }

        _dirty = true;
        _writer ??= this.RegisterGrainTimer(WriteIfDirty, new GrainTimerCreationOptions(WriteDelay, WriteDelay) { KeepAlive = true });
    }

    public Task<IReadOnlyList<LeaderboardEntry>> Top(int count) =>
        Task.FromResult<IReadOnlyList<LeaderboardEntry>>(State.Entries.Take(Math.Max(count, 0)).ToList());

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await WriteIfDirty(cancellationToken);
    }

    private async Task WriteIfDirty(CancellationToken cancellation)
    {
        if (!_dirty)
        {
            _writer?.Dispose();
            _writer = null;
            return;
        }

        // Cleared before the write so entries arriving meanwhile mark it again, and set again when the write fails,
        // so the next tick retries instead of forgetting the entries until a reconcile.
        _dirty = false;
        try
        {
            await board.WriteStateAsync(cancellation);
        }
        catch (InconsistentStateException e)
        {
            // Storage holds another version (a write that took effect unacknowledged): merge into it, then write again.
            logger.LogWarning(e, "The leaderboard of sweep {SweepId} changed in storage; merging", this.GetPrimaryKeyString());
            _dirty = true;
            var mine = State.Entries.ToList();
            await board.ReadStateAsync(cancellation);
            _ids.Clear();
            _ids.UnionWith(State.Entries.Select(entry => entry.TrialId));
            mine.ForEach(Insert);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Writing the leaderboard of sweep {SweepId} failed; trying again", this.GetPrimaryKeyString());
            _dirty = true;
        }
    }
}
