namespace SweepGrid.Contracts.Search;

/// <summary>One kernel of a numeric Parzen estimator: a normal distribution cut to the parameter's range, so no mass is wasted
/// on values the parameter cannot take.</summary>
internal sealed class TruncatedNormal
{
    private const int MaxRejections = 1_000;

    private readonly double mu;
    private readonly double sigma;
    private readonly double low;
    private readonly double high;
    private readonly double logMass;
    private readonly double logScale;

    /// <param name="mu">Within [low, high], and <paramref name="sigma"/> at most high − low, as every TPE kernel is: the range
    /// then holds at least a third of the untruncated mass, which keeps <see cref="Sample"/>'s rejections few.</param>
    public TruncatedNormal(double mu, double sigma, double low, double high)
    {
        this.mu = mu;
        this.sigma = sigma;
        this.low = low;
        this.high = high;
        logMass = StandardNormal.LogMass((low - mu) / sigma, (high - mu) / sigma);
        logScale = Math.Log(sigma) + logMass;
    }

    public double Sample(SplitMix64 random)
    {
        for (var i = 0; i < MaxRejections; i++)
        {
            var x = mu + sigma * StandardNormal.Sample(random);
            if (x >= low && x <= high)
            {
                return x;
            }
        }

        // Unreachable in practice (each try lands in range with probability at least 0.34); a bound keeps the loop honest.
        return mu;
    }

    public double LogDensity(double x) => x < low || x > high
        ? double.NegativeInfinity
        : StandardNormal.LogDensity((x - mu) / sigma) - logScale;

    /// <summary>The log of the kernel's probability of [left, right], e.g. of the values that round to one whole number.</summary>
    public double LogProbability(double left, double right) =>
        StandardNormal.LogMass((left - mu) / sigma, (right - mu) / sigma) - logMass;
}
