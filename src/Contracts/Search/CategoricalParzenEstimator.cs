namespace SweepGrid.Contracts.Search;

/// <summary>
/// Optuna's categorical TPE estimator: one kernel per observed choice, which puts 1 on that choice plus a share of the prior
/// (prior weight / kernel count) on every choice, normalised; and a prior kernel uniform over the choices. A choice never
/// observed keeps some probability, so one lucky early result does not lock the others out.
/// </summary>
internal sealed class CategoricalParzenEstimator : ParzenEstimator
{
    private readonly double[] weights;
    private readonly int[] observed;
    private readonly int choices;
    private readonly double share;

    /// <param name="observations">Choice indices, in the order their trials were suggested.</param>
    public CategoricalParzenEstimator(IReadOnlyList<int> observations, int choices)
    {
        observed = [.. observations];
        this.choices = choices;
        weights = MixtureWeights(observed.Length);
        share = PriorWeight / (observed.Length + 1);
    }

    public override double Sample(SplitMix64 random)
    {
        var kernel = PickKernel(weights, random);
        var u = random.NextDouble();
        var cumulative = 0.0;
        for (var choice = 0; choice < choices - 1; choice++)
        {
            cumulative += Probability(kernel, choice);
            if (u <= cumulative)
            {
                return choice;
            }
        }

        return choices - 1;
    }

    public override double LogDensity(double x)
    {
        var choice = (int)x;
        var sum = 0.0;
        for (var kernel = 0; kernel < weights.Length; kernel++)
        {
            sum += weights[kernel] * Probability(kernel, choice);
        }

        return Math.Log(sum);
    }

    /// <summary>What <paramref name="kernel"/> gives <paramref name="choice"/>; the last kernel is the prior.</summary>
    private double Probability(int kernel, int choice) => kernel == observed.Length
        ? 1.0 / choices
        : (share + (observed[kernel] == choice ? 1 : 0)) / (1 + choices * share);
}
