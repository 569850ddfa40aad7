using System.Globalization;
using SweepGrid.Contracts.Parsing;
using SweepGrid.Contracts.Search;
using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Tests.Search;

/// <summary>Small tpe sweeps for the tests, and a loop that plays a sweep out against an objective, one trial at a time.</summary>
internal static class TpeSweeps
{
    /// <summary>Maximize −(log10(lr) + 3)²: one learning rate, best at 1e-3, in [1e-5, 1e-1).</summary>
    public static SweepSpec LearningRate(long seed, int count = 30) => SweepSpecParser.Parse($"""
        name: lr-tpe
        method: tpe
        count: {count}
        seed: {seed}
        parameters:
          learning_rate: {"{"}distribution: log_uniform, min: 1e-5, max: 1e-1{"}"}
        """);

    public static double LearningRateObjective(TrialConfig config) => -Math.Pow(Math.Log10(config.LearningRate) + 3, 2);

    /// <summary>Suggests one trial at a time, completing each with its objective value before asking again.</summary>
    public static List<ObservedTrial> Play(ISearcher searcher, int trials, Func<TrialConfig, double> objective, List<ObservedTrial>? start = null)
    {
        var history = start ?? [];
        while (history.Count < trials && searcher.Suggest(new SearchHistory(history), 1) is [var next])
        {
            history.Add(new ObservedTrial(next, ObservedState.Completed, objective(next.Config)));
        }

        return history;
    }

    public static double BestAfter(IReadOnlyList<ObservedTrial> history, int trials) => history.Take(trials).Max(t => t.Value!.Value);

    public static string Text(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);
}
