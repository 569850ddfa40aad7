namespace SweepGrid.Contracts.Search;

/// <summary>
/// Truncated normal kernels over a numeric range, as Optuna's TPE builds them (prior weight 1, magic clip, endpoints not
/// considered): each kernel as wide as the larger gap to its neighbours, the prior centred and as wide as the range.
/// Whole numbers (step 1) are kernels over [min − ½, max + ½], drawn then rounded, their probability the mass that rounds to them.
/// </summary>
internal sealed class NumericParzenEstimator : ParzenEstimator
{
    private readonly double[] weights;
    private readonly double[] logWeights;
    private readonly TruncatedNormal[] kernels;
    private readonly double step;
    private readonly double first;
    private readonly double last;

    /// <param name="observations">In the order their trials were suggested, each within [<paramref name="low"/>, <paramref name="high"/>].</param>
    /// <param name="step">0 for real numbers, 1 for whole numbers.</param>
    public NumericParzenEstimator(IReadOnlyList<double> observations, double low, double high, double step)
    {
        this.step = step;
        (first, last) = (low, high);
        (low, high) = (low - step / 2, high + step / 2);
        weights = MixtureWeights(observations.Count);
        logWeights = [.. weights.Select(w => Math.Log(w))];
        var sigmas = Bandwidths(observations, low, high);
        kernels =
        [
            .. observations.Select((mu, i) => new TruncatedNormal(mu, sigmas[i], low, high)),
            new TruncatedNormal((low + high) / 2, high - low, low, high),
        ];
    }

    public override double Sample(SplitMix64 random)
    {
        var x = kernels[PickKernel(weights, random)].Sample(random);
        return step == 0 ? x : Math.Clamp(first + Math.Round((x - first) / step, MidpointRounding.ToEven) * step, first, last);
    }

    public override double LogDensity(double x)
    {
        var terms = new double[kernels.Length];
        for (var i = 0; i < kernels.Length; i++)
        {
            terms[i] = logWeights[i] + (step == 0 ? kernels[i].LogDensity(x) : kernels[i].LogProbability(x - step / 2, x + step / 2));
        }

        return LogSumExp(terms);
    }

    /// <summary>
    /// Each kernel's width: the larger of the gaps to its sorted neighbours (the range's ends count as neighbours, except that
    /// the lowest and highest observations look only inward), clipped to [range / min(100, n + 2), range]: the magic clip,
    /// which stops a cluster of close observations from collapsing into spikes.
    /// </summary>
    private static double[] Bandwidths(IReadOnlyList<double> mus, double low, double high)
    {
        var order = Enumerable.Range(0, mus.Count).OrderBy(i => mus[i]).ToArray();
        double[] sorted = [low, .. order.Select(i => mus[i]), high];
        var widths = new double[mus.Count];
        for (var rank = 0; rank < mus.Count; rank++)
        {
            var at = rank + 1;
            var width = Math.Max(sorted[at] - sorted[at - 1], sorted[at + 1] - sorted[at]);
            if (mus.Count >= 2 && rank == 0)
            {
                width = sorted[2] - sorted[1];
            }
            else if (mus.Count >= 2 && rank == mus.Count - 1)
            {
                width = sorted[^2] - sorted[^3];
            }

            var range = high - low;
            widths[order[rank]] = Math.Clamp(width, range / Math.Min(100.0, mus.Count + 2), range);
        }

        return widths;
    }
}
