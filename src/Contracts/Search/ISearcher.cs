using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Search;

/// <summary>
/// Search as ask and tell: given every trial the sweep has so far (its configuration, whether it is still running, and
/// its metric), the next configurations to try. Pure: the same spec and the same history give the same suggestions, so
/// a sweep grain that restarts, or a relaunch, asks again and is given what it was given before.
/// </summary>
public interface ISearcher
{
    /// <summary>Up to <paramref name="count"/> new configurations, none of them in <paramref name="history"/>; fewer (none)
    /// when the space or the sweep's budget is used up.</summary>
    IReadOnlyList<PlannedTrial> Suggest(SearchHistory history, int count);
}

/// <summary>Where a trial the searcher has suggested stands.</summary>
public enum ObservedState
{
    /// <summary>Suggested and not finished (queued, training, or paused at a rung).</summary>
    Running,
    Completed,
    /// <summary>Stopped early by the sweep's early-stopping policy: its value is its last reported one.</summary>
    Pruned,
    /// <summary>Failed or diverged: no value worth learning from.</summary>
    Failed,
}

/// <summary>One trial as a searcher sees it: <paramref name="Value"/> is the sweep metric's value (the last epoch's for a
/// pruned trial), null while none is known.</summary>
public sealed record ObservedTrial(PlannedTrial Trial, ObservedState State, double? Value = null);

/// <summary>Every trial of a sweep so far, in the order they were suggested.</summary>
public sealed record SearchHistory(IReadOnlyList<ObservedTrial> Trials)
{
    public static SearchHistory Empty { get; } = new([]);

    public bool Contains(TrialId id) => Trials.Any(t => t.Trial.Id == id);
}

/// <summary>
/// A search whose configurations are known in advance (grid, random): suggests them in their order, each once, skipping
/// those already in the history.
/// </summary>
public sealed class ListedSearch(IReadOnlyList<PlannedTrial> trials) : ISearcher
{
    public IReadOnlyList<PlannedTrial> Trials => trials;

    public IReadOnlyList<PlannedTrial> Suggest(SearchHistory history, int count)
    {
        ArgumentNullException.ThrowIfNull(history);
        var seen = history.Trials.Select(t => t.Trial.Id).ToHashSet();
        return trials.Where(t => !seen.Contains(t.Id)).Take(Math.Max(count, 0)).ToList();
    }
}
