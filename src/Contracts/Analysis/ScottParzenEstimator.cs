using SweepGrid.Contracts.Search;

namespace SweepGrid.Contracts.Analysis;

/// <summary>
/// PED-ANOVA's Parzen estimator over a grid's cells, given how many trials fell in each: one kernel per occupied cell,
/// weighted by its count, plus a prior kernel of weight 1. Numeric kernels share one width by Scott's rule (narrower than
/// TPE's, which would blur the difference between the best trials and the rest); categorical kernels are TPE's.
/// </summary>
internal static class ScottParzenEstimator
{
    private const double PriorWeight = 1.0;

    /// <summary>The narrowest kernel: 1.64 widths (90 % of its mass) fit within one cell either side.</summary>
    private const double MinBandwidth = 0.5 / 1.64;

    /// <returns>Each cell's probability, summing to 1.</returns>
    public static double[] NumericProbabilities(IReadOnlyList<int> counts)
    {
        var cells = Occupied(counts);
        var weights = MixtureWeights(counts, cells);
        var bandwidth = Math.Max(ScottBandwidth(counts, cells), MinBandwidth);
        var last = counts.Count - 1;
        TruncatedNormal[] kernels =
        [
            .. cells.Select(cell => new TruncatedNormal(cell, bandwidth, -0.5, last + 0.5)),
            new TruncatedNormal(last / 2.0, last + 1, -0.5, last + 0.5),
        ];

        var probabilities = new double[counts.Count];
        for (var cell = 0; cell < counts.Count; cell++)
        {
            for (var k = 0; k < kernels.Length; k++)
            {
                probabilities[cell] += weights[k] * Math.Exp(kernels[k].LogProbability(cell - 0.5, cell + 0.5));
            }
        }

        return probabilities;
    }

    /// <returns>Each choice's probability, summing to 1.</returns>
    public static double[] CategoricalProbabilities(IReadOnlyList<int> counts)
    {
        var cells = Occupied(counts);
        var weights = MixtureWeights(counts, cells);
        var choices = counts.Count;

        // Each observed choice's kernel: 1 on it plus an even share of the prior on every choice, normalised.
        var share = PriorWeight / (cells.Length + 1);
        var probabilities = new double[choices];
        for (var choice = 0; choice < choices; choice++)
        {
            for (var k = 0; k < cells.Length; k++)
            {
                probabilities[choice] += weights[k] * (share + (cells[k] == choice ? 1 : 0)) / (1 + choices * share);
            }

            probabilities[choice] += weights[^1] / choices;
        }

        return probabilities;
    }

    private static int[] Occupied(IReadOnlyList<int> counts) => [.. Enumerable.Range(0, counts.Count).Where(i => counts[i] > 0)];

    /// <returns>The occupied cells' counts then the prior's weight, normalised.</returns>
    private static double[] MixtureWeights(IReadOnlyList<int> counts, int[] cells)
    {
        double[] weights = [.. cells.Select(cell => (double)counts[cell]), PriorWeight];
        var sum = weights.Sum();
        return [.. weights.Select(w => w / sum)];
    }

    /// <summary>
    /// Scott's rule, 1.059 · min(IQR / 1.34, σ) · n^−⅕, with the sample deviation and the interquartile range read off the
    /// counts (the quartiles being the first cells whose running count reaches ⌊n/4⌋ and passes ⌊3n/4⌋).
    /// </summary>
    private static double ScottBandwidth(IReadOnlyList<int> counts, int[] cells)
    {
        var n = cells.Sum(cell => counts[cell]);
        var mean = cells.Sum(cell => (double)cell * counts[cell]) / n;
        var deviation = Math.Sqrt(cells.Sum(cell => counts[cell] * (cell - mean) * (cell - mean)) / Math.Max(1, n - 1));

        int? lower = null;
        int? upper = null;
        var running = 0;
        foreach (var cell in cells)
        {
            running += counts[cell];
            lower ??= running >= n / 4 ? cell : null;
            upper ??= running > 3 * n / 4 ? cell : null;
        }

        var interquartile = (upper ?? cells[^1]) - (lower ?? cells[^1]);
        return 1.059 * Math.Min(interquartile / 1.34, deviation) * Math.Pow(n, -0.2);
    }
}
