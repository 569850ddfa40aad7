namespace SweepGrid.Contracts.Search;

/// <summary>
/// The standard normal distribution's logarithms, accurate far into the tails: a TPE kernel many widths away from a candidate
/// still has to rank below a nearer one, which plain <c>Math.Log(cdf)</c> loses once the cdf underflows to 0.
/// .NET has no erf, so the series and continued fraction below stand in for it.
/// </summary>
internal static class StandardNormal
{
    private static readonly double LogSqrtTwoPi = 0.5 * Math.Log(2 * Math.PI);
    private static readonly double LogSqrtPi = 0.5 * Math.Log(Math.PI);

    /// <summary>log φ(z).</summary>
    public static double LogDensity(double z) => -0.5 * z * z - LogSqrtTwoPi;

    /// <summary>log Φ(z), finite for any finite z.</summary>
    public static double LogCdf(double z) => z <= 0
        ? LogErfc(-z / Math.Sqrt(2)) - Math.Log(2)
        : Math.Log(1 - Math.Exp(LogCdf(-z)));

    /// <summary>log(Φ(b) − Φ(a)) for a &lt; b: the log of the mass between them.</summary>
    public static double LogMass(double a, double b)
    {
        if (a >= 0)
        {
            // Mirrored into the left tail, where Φ keeps its relative precision.
            return LogMass(-b, -a);
        }

        if (b <= 0)
        {
            var logB = LogCdf(b);
            return logB + LogOneMinusExp(LogCdf(a) - logB);
        }

        return Math.Log(1 - Math.Exp(LogCdf(a)) - Math.Exp(LogCdf(-b)));
    }

    /// <summary>A standard normal draw (Box–Muller, one of its pair: simpler to keep the generator's sequence reproducible).</summary>
    public static double Sample(SplitMix64 random)
    {
        var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
        return radius * Math.Cos(2 * Math.PI * random.NextDouble());
    }

    /// <summary>log erfc(t) for t ≥ 0: 1 − erf by its Taylor series near 0, Laplace's continued fraction beyond 2 (under 60 terms there).</summary>
    private static double LogErfc(double t)
    {
        if (t < 2)
        {
            return Math.Log(1 - Erf(t));
        }

        // erfc(t) = exp(−t²) / (√π · f) with f = t + (1/2)/(t + 1/(t + (3/2)/(t + ...))), evaluated by Lentz's method.
        const double Tiny = 1e-300;
        var f = t;
        var c = t;
        var d = 0.0;
        for (var k = 1; k < 500; k++)
        {
            var a = k / 2.0;
            d = t + a * d;
            d = 1 / (d == 0 ? Tiny : d);
            c = t + a / c;
            c = c == 0 ? Tiny : c;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return -t * t - LogSqrtPi - Math.Log(f);
    }

    private static double Erf(double t)
    {
        var sum = 0.0;
        var term = t;
        for (var n = 0; n < 100; n++)
        {
            var add = term / (2 * n + 1);
            sum += add;
            if (Math.Abs(add) <= 1e-17 * Math.Abs(sum))
            {
                break;
            }

            term *= -t * t / (n + 1);
        }

        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    /// <summary>log(1 − eˣ) for x ≤ 0, without the cancellation of 1 − eˣ when x is near 0 (a narrow interval).</summary>
    private static double LogOneMinusExp(double x)
    {
        var expMinusOne = Math.Abs(x) < 1e-5 ? x * (1 + x / 2 * (1 + x / 3)) : Math.Exp(x) - 1;
        return Math.Log(-expMinusOne);
    }
}
