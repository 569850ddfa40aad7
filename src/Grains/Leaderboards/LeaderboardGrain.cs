using SweepGrid.Contracts.Leaderboards;

namespace SweepGrid.Grains.Leaderboards;

/// <summary>
/// Top-k of a sweep, kept sorted as results arrive (binary insertion). Writes are batched by a timer:
/// what a crash loses in between, the sweep's reconciliation resubmits.
/// </summary>
public sealed class LeaderboardGrain(
    [PersistentState("leaderboard", StorageNames.Default)] IPersistentState<LeaderboardGrainState> board) : Grain, ILeaderboardGrain
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
        var entries = State.Entries;
        if (_ids.Contains(entry.TrialId))
        {
            return Task.CompletedTask;
        }

        var at = entries.BinarySearch(entry, new LeaderboardOrder(State.Maximize));
        at = at < 0 ? ~at : at;
        if (at >= State.Capacity)
        {
            return Task.CompletedTask;
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
        return Task.CompletedTask;
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

        _dirty = false;
        await board.WriteStateAsync(cancellation);
    }
}
