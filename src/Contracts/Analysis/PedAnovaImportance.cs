using Scored = (int[] Cells, double Loss);

namespace SweepGrid.Contracts.Analysis;

/// <summary>
/// Parameter importance by PED-ANOVA (Watanabe et al., IJCAI 2023), as Optuna's PedAnovaImportanceEvaluator and its dashboard
/// compute it: a parameter matters as much as its distribution among the best trials (the top target quantile) differs from
/// its distribution over the region (the top region quantile, by default every trial), measured as the Pearson divergence
/// Σ p_region · (p_best / p_region − 1)² between their Parzen estimates on the parameter's grid. Model-free, so it is cheap
/// enough to recompute whenever a trial finishes.
/// </summary>
public static class PedAnovaImportance
{
    /// <summary>The best trials always number at least this many (ties included), however small the target quantile.</summary>
    public const int MinBestTrials = 2;

    /// <summary>Added to every cell's probability, as Optuna does, so an empty cell never divides by zero.</summary>
    private const double Floor = 1e-12;

    /// <param name="trials">Finished trials; those with a non-finite objective, or without a usable value for every parameter, are left out.</param>
    /// <param name="maximize">Whether larger objectives are better.</param>
    /// <param name="targetQuantile">Which trials count as the best (γ′ in the paper): 0.1 is the top 10 %.</param>
    /// <param name="regionQuantile">Which trials the best are compared with (γ): 1 is all of them; 0.5 asks what mattered among the better half.</param>
    /// <exception cref="ArgumentException">A parameter's domain is empty, or log-scaled with a minimum not above 0.</exception>
    /// <returns>Every parameter, most important first, the importances summing to 1; all 0 with a reason when the trials cannot tell.</returns>
    public static ImportanceReport Evaluate(
        IReadOnlyList<ImportanceParameter> parameters,
        IReadOnlyList<ImportanceObservation> trials,
        bool maximize,
        double targetQuantile = 0.1,
        double regionQuantile = 1.0)
    {
        if (!(targetQuantile > 0 && targetQuantile < regionQuantile && regionQuantile <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(targetQuantile), $"need 0 < target quantile ({targetQuantile}) < region quantile ({regionQuantile}) <= 1");
        }

        var grids = parameters.Select(p => new ParameterGrid(p)).ToArray();
        var usable = Usable(parameters, grids, trials, maximize);
        if (usable.Count <= MinBestTrials)
        {
            return Unavailable(parameters, $"importance needs at least {MinBestTrials + 1} finished trials with every parameter set; there are {usable.Count}");
        }

        var best = Best(usable, targetQuantile);
        var region = regionQuantile == 1.0 ? usable : Best(usable, regionQuantile);
        if (best.Count == region.Count)
        {
            return Unavailable(parameters, $"the best {targetQuantile:P0} of the trials are the same {region.Count} trials as the region they are compared with (too few trials, or tied objectives)");
        }

        var divergences = new double[parameters.Count];
        for (var p = 0; p < parameters.Count; p++)
        {
            divergences[p] = Divergence(grids[p], p, best, region);
        }

        var total = divergences.Sum();
        if (total == 0)
        {
            return Unavailable(parameters, "no parameter takes more than one value among the trials compared");
        }

        var ranked = parameters
            .Select((parameter, p) => new ParameterImportance(parameter.Name, divergences[p] / total))
            .OrderByDescending(importance => importance.Importance)
            .ToArray();
        return new ImportanceReport(ranked);
    }

    /// <summary>
    /// Each usable trial's grid cells and its loss (lower is better). Optuna would also skip a trial lacking a parameter, so
    /// every importance of one analysis rests on the same trials.
    /// </summary>
    private static List<Scored> Usable(
        IReadOnlyList<ImportanceParameter> parameters, ParameterGrid[] grids, IReadOnlyList<ImportanceObservation> trials, bool maximize)
    {
        var usable = new List<Scored>(trials.Count);
        foreach (var trial in trials)
        {
            if (!double.IsFinite(trial.Objective))
            {
                continue;
            }

            var cells = new int[parameters.Count];
            var complete = true;
            for (var p = 0; p < parameters.Count && complete; p++)
            {
                var cell = trial.Values.TryGetValue(parameters[p].Name, out var value) ? grids[p].CellOf(value) : null;
                complete = cell is not null;
                cells[p] = cell ?? 0;
            }

            if (complete)
            {
                usable.Add((cells, maximize ? -trial.Objective : trial.Objective));
            }
        }

        return usable;
    }

    /// <summary>The trials whose loss is at most the quantile's (the ⌈q·n⌉-th smallest), and never fewer than <see cref="MinBestTrials"/>.</summary>
    private static List<Scored> Best(List<Scored> trials, double quantile)
    {
        var losses = trials.Select(t => t.Loss).Order().ToArray();
        var cutoffIndex = (int)Math.Ceiling(quantile * losses.Length) - 1;
        var cutoff = Math.Max(losses[MinBestTrials - 1], losses[Math.Max(0, cutoffIndex)]);
        return [.. trials.Where(t => t.Loss <= cutoff)];
    }

    /// <summary>
    /// The Pearson divergence of the best trials' estimate from the region's. Optuna scales every parameter's by the same
    /// (best / region)², which normalising cancels. A parameter the region never varies (one grid cell) gets 0: the two
    /// estimates would differ only in how much the prior weighs against fewer trials, which says nothing about the parameter.
    /// </summary>
    private static double Divergence(ParameterGrid grid, int p, List<Scored> best, List<Scored> region)
    {
        var regionCounts = Counts(grid, p, region);
        if (regionCounts.Count(c => c > 0) <= 1)
        {
            return 0;
        }

        var bestCounts = Counts(grid, p, best);
        var pBest = grid.IsCategorical ? ScottParzenEstimator.CategoricalProbabilities(bestCounts) : ScottParzenEstimator.NumericProbabilities(bestCounts);
        var pRegion = grid.IsCategorical ? ScottParzenEstimator.CategoricalProbabilities(regionCounts) : ScottParzenEstimator.NumericProbabilities(regionCounts);
        var divergence = 0.0;
        for (var cell = 0; cell < grid.Size; cell++)
        {
            var (b, r) = (pBest[cell] + Floor, pRegion[cell] + Floor);
            divergence += r * (b / r - 1) * (b / r - 1);
        }

        return divergence;
    }

    private static int[] Counts(ParameterGrid grid, int p, List<Scored> trials)
    {
        var counts = new int[grid.Size];
        foreach (var trial in trials)
        {
            counts[trial.Cells[p]]++;
        }

        return counts;
    }

    private static ImportanceReport Unavailable(IReadOnlyList<ImportanceParameter> parameters, string reason) =>
        new([.. parameters.Select(p => new ParameterImportance(p.Name, 0))], reason);
}
