using SweepGrid.Contracts.Specs;

namespace SweepGrid.Contracts.Scheduling;

/// <summary>
/// An early-stopping policy, consulted at every epoch a trial reports and whenever a slot frees. Pure: every decision
/// follows from the trials' progress alone, which the sweep grain stores, so a decision made again after a crash is the
/// same decision, and two reports decided one after the other see each other.
/// </summary>
public interface IEarlyStopping
{
    /// <summary>The epoch a new trial trains up to before it is first judged (its first rung, or its last epoch).</summary>
    int FirstTarget(int bracket);

    /// <summary>The bracket the <paramref name="index"/>-th trial of the sweep (from 0) belongs to.</summary>
    int BracketOf(int index);

    /// <summary>What <paramref name="trial"/>, which just reported its latest epoch, does next; <paramref name="all"/> is
    /// every trial of the sweep, it included.</summary>
    EpochVerdict OnEpoch(TrialProgress trial, IReadOnlyList<TrialProgress> all);

    /// <summary>The paused trial a free slot should resume instead of starting a new configuration, or null.</summary>
    Promotion? Promote(IReadOnlyList<TrialProgress> all);
}

/// <summary>The policy a spec's <c>early_terminate</c> names, for trials of <paramref name="epochs"/> epochs.</summary>
public static class EarlyStopping
{
    public static IEarlyStopping? For(EarlyStopSpec? spec, MetricGoal goal, string metric, int epochs) => spec?.Type switch
    {
        null => null,
        EarlyStopType.Median => new MedianStopping(spec.MinIter, goal, metric, epochs),
        _ => new AshaScheduler(spec.MinIter, spec.Eta, spec.Type == EarlyStopType.Hyperband ? spec.Brackets : 1, spec.Mode, goal, metric, epochs),
    };

    /// <summary>Larger is better, whatever the goal; a missing or non-finite value is the worst.</summary>
    internal static double Score(double value, MetricGoal goal) =>
        !double.IsFinite(value) ? double.NegativeInfinity : goal == MetricGoal.Maximize ? value : -value;
}
