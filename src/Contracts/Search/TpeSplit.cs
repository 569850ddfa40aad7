using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Search;

/// <summary>
/// TPE's division of a sweep's trials into the few good ones, whose configurations the next trial should resemble, and the
/// rest, which it should not. Each side keeps the order the trials were suggested in, which the estimators' weights follow.
/// </summary>
internal sealed record TpeSplit(IReadOnlyList<TrialConfig> Good, IReadOnlyList<TrialConfig> Bad)
{
    /// <summary>The cap on the good side, reached at 241 observations, so that l(x) stays sharp however long the sweep runs.</summary>
    private const int MaxGood = 25;

    /// <summary>Optuna's default gamma: how many of <paramref name="observations"/> count as good, min(⌈0.1 n⌉, 25).</summary>
    public static int Gamma(int observations) => Math.Min((int)Math.Ceiling(0.1 * observations), MaxGood);

    /// <summary>A trial that taught the search something: finished, completed or pruned, with a metric value. Failed trials
    /// are not, and neither is a trial whose value is unknown.</summary>
    public static bool IsObservation(ObservedTrial trial) =>
        trial.State is ObservedState.Completed or ObservedState.Pruned && trial.Value is { } value && !double.IsNaN(value);

    /// <summary>
    /// The best Gamma(n) of the n observations are good: completed trials first, then pruned ones (a pruned trial's value is
    /// from an earlier epoch, so it ranks behind every completed one, as in Optuna). Running trials are bad: the constant
    /// liar, as if each had the worst value seen, so that the next suggestion keeps away from where trials already run.
    /// </summary>
    public static TpeSplit Of(IReadOnlyList<ObservedTrial> trials, MetricGoal goal)
    {
        var observations = trials.Select((t, i) => (Trial: t, Position: i)).Where(t => IsObservation(t.Trial)).ToList();
        var ranked = Ranked(observations.Where(o => o.Trial.State == ObservedState.Completed), goal)
            .Concat(Ranked(observations.Where(o => o.Trial.State == ObservedState.Pruned), goal));
        var good = ranked.Take(Gamma(observations.Count)).Select(o => o.Position).ToHashSet();
        var bad = trials.Select((t, i) => (Trial: t, Position: i))
            .Where(t => !good.Contains(t.Position) && (IsObservation(t.Trial) || t.Trial.State == ObservedState.Running));
        return new TpeSplit(
            [.. good.Order().Select(i => trials[i].Trial.Config)],
            [.. bad.Select(t => t.Trial.Trial.Config)]);
    }

    // Stable, so equal values keep the order their trials were suggested in.
    private static IEnumerable<(ObservedTrial Trial, int Position)> Ranked(IEnumerable<(ObservedTrial Trial, int Position)> trials, MetricGoal goal) =>
        goal == MetricGoal.Maximize ? trials.OrderByDescending(t => t.Trial.Value) : trials.OrderBy(t => t.Trial.Value);
}
