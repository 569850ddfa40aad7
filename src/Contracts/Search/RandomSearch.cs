using System.Globalization;
using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Search;

/// <summary>
/// <c>count</c> distinct configurations drawn with a SplitMix64 generator seeded by the spec's sampler seed:
/// the same spec always draws the same trials in the same order. A draw that repeats an earlier configuration is skipped.
/// </summary>
public sealed class RandomSearch : ISearchStrategy
{
    /// <summary>Sampled reals keep this many significant digits.</summary>
    public const int SignificantDigits = 6;

    public IReadOnlyList<PlannedTrial> Expand(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Count is not { } count || count < 1)
        {
            throw new ArgumentException("random search needs a count of 1 or more", nameof(spec));
        }

        var random = new SplitMix64(unchecked((ulong)spec.SamplerSeed));
        var trials = new List<PlannedTrial>(count);
        var seen = new HashSet<TrialId>();

        // A space with fewer distinct configurations than count would otherwise be sampled forever.
        var duplicatesAllowed = 1_000 + 50L * count;
        var duplicatesInARow = 0L;
        while (trials.Count < count && duplicatesInARow < duplicatesAllowed)
        {
            var choices = spec.Parameters.Select(p => KeyValuePair.Create(p.Name, Draw(p, random))).ToList();
            var trial = PlannedTrial.For(TrialConfigBuilder.Build(spec, choices));
            if (seen.Add(trial.Id))
            {
                trials.Add(trial);
                duplicatesInARow = 0;
            }
            else
            {
                duplicatesInARow++;
            }
        }

        return trials;
    }

    private static ParameterValue Draw(ParameterSpec parameter, SplitMix64 random) => parameter.Sampling switch
    {
        ParameterSampling.Values => parameter.Values[(int)random.NextBelow((ulong)parameter.Values.Count)],
        ParameterSampling.Fixed => parameter.Values[0],
        ParameterSampling.Uniform => ParameterValue.OfReal(
            Rounded(parameter.Min + random.NextDouble() * (parameter.Max - parameter.Min), parameter)),
        ParameterSampling.LogUniform => ParameterValue.OfReal(Rounded(
            Math.Exp(Math.Log(parameter.Min) + random.NextDouble() * (Math.Log(parameter.Max) - Math.Log(parameter.Min))), parameter)),
        ParameterSampling.IntUniform => ParameterValue.OfInteger(random.NextInRange((long)parameter.Min, (long)parameter.Max)),
        _ => throw new ArgumentException($"'{parameter.Name}' has an unknown sampling {parameter.Sampling}", nameof(parameter)),
    };

    // Short values read better in a leaderboard, and rounding hides the last-bit differences that Math.Log and
    // Math.Exp may have between platforms, which would otherwise change trial ids.
    internal static double Rounded(double sample, ParameterSpec parameter)
    {
        var inRange = Math.Clamp(sample, parameter.Min, Math.BitDecrement(parameter.Max));
        var rounded = double.Parse(inRange.ToString("G" + SignificantDigits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return rounded >= parameter.Min && rounded < parameter.Max ? rounded : inRange;
    }
}
