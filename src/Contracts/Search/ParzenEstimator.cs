namespace SweepGrid.Contracts.Search;

/// <summary>
/// A mixture with one kernel per observed value of a parameter and one for the prior (the whole range, or every choice
/// alike), in TPE's internal representation: the value itself, its logarithm for log_uniform, a choice's index.
/// The prior keeps the estimator from ruling anything out on a handful of observations.
/// </summary>
internal abstract class ParzenEstimator
{
    /// <summary>The prior kernel weighs as much as one recent observation.</summary>
    public const double PriorWeight = 1.0;

    /// <summary>Observations beyond this many, oldest first, weigh less and less.</summary>
    private const int FullWeightObservations = 25;

    /// <param name="count">How many observations, in the order their trials were suggested.</param>
    /// <returns>Each observation's weight then the prior's, summing to 1.</returns>
    protected static double[] MixtureWeights(int count)
    {
        if (count == 0)
        {
            return [1.0];
        }

        var weights = ObservationWeights(count).Append(PriorWeight).ToArray();
        var sum = weights.Sum();
        return [.. weights.Select(w => w / sum)];
    }

    /// <summary>
    /// Optuna's default weights: all 1 up to 25 observations; beyond, the 25 newest weigh 1 and the older ones ramp up
    /// linearly from 1/n, so early results from a poorly understood space fade as better ones arrive.
    /// </summary>
    internal static double[] ObservationWeights(int count)
    {
        if (count <= FullWeightObservations)
        {
            return [.. Enumerable.Repeat(1.0, count)];
        }

        var rampLength = count - FullWeightObservations;
        var start = 1.0 / count;
        var step = rampLength == 1 ? 0 : (1.0 - start) / (rampLength - 1);
        var ramp = Enumerable.Range(0, rampLength).Select(i => i == rampLength - 1 && rampLength > 1 ? 1.0 : start + i * step);
        return [.. ramp, .. Enumerable.Repeat(1.0, FullWeightObservations)];
    }

    /// <summary>Picks a kernel by its weight, as the mixture's first step in drawing a value.</summary>
    protected static int PickKernel(IReadOnlyList<double> weights, SplitMix64 random)
    {
        var u = random.NextDouble();
        var cumulative = 0.0;
        for (var i = 0; i < weights.Count - 1; i++)
        {
            cumulative += weights[i];
            if (u < cumulative)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    /// <summary>log Σ exp(terms), without overflow, and −∞ when every term is.</summary>
    protected static double LogSumExp(double[] terms)
    {
        var max = terms.Max();
        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        var sum = 0.0;
        foreach (var term in terms)
        {
            sum += Math.Exp(term - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>A value drawn from the mixture.</summary>
    public abstract double Sample(SplitMix64 random);

    /// <summary>The mixture's log density (log probability for whole numbers and choices) at <paramref name="x"/>.</summary>
    public abstract double LogDensity(double x);
}
