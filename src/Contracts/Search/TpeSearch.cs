using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Search;

/// <summary>
/// Tree-structured Parzen Estimator search, with Optuna's TPESampler defaults (univariate): random draws until 10 trials
/// have finished, then, for each parameter on its own, 24 candidates drawn from the good trials' estimator l(x) and the one
/// with the largest log l(x) − log g(x) taken, g(x) being the estimator of the other trials and of those still running.
/// Pure: the generator is seeded by the sampler seed and the trial's number, so the same history gives the same suggestions.
/// </summary>
public sealed class TpeSearch : ISearcher
{
    /// <summary>Finished trials needed before the estimators are trusted; until then suggestions are random search's draws.</summary>
    public const int StartupTrials = 10;

    /// <summary>Candidates drawn from l(x) per parameter and suggestion.</summary>
    public const int Candidates = 24;

    /// <summary>Fresh candidate sets tried when the chosen configuration is one the sweep already has, before a random draw instead.</summary>
    private const int Redraws = 16;

    private readonly SweepSpec spec;
    private readonly int budget;
    private readonly IReadOnlyList<TpeParameter> parameters;

    public TpeSearch(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Count is not { } count || count < 1)
        {
            throw new ArgumentException("tpe search needs a count of 1 or more", nameof(spec));
        }

        this.spec = spec;
        budget = count;
        parameters = [.. spec.Parameters.Select(p => new TpeParameter(p))];
    }

    /// <summary>Each suggestion after the first of one call counts the earlier ones as running, so parallel slots spread out.</summary>
    public IReadOnlyList<PlannedTrial> Suggest(SearchHistory history, int count)
    {
        ArgumentNullException.ThrowIfNull(history);
        var trials = history.Trials.ToList();
        var seen = trials.Select(t => t.Trial.Id).ToHashSet();
        var suggested = new List<PlannedTrial>();
        while (suggested.Count < Math.Min(count, budget - history.Trials.Count) && Next(trials, seen) is { } next)
        {
            suggested.Add(next);
            trials.Add(new ObservedTrial(next, ObservedState.Running));
            seen.Add(next.Id);
        }

        return suggested;
    }

    private PlannedTrial? Next(IReadOnlyList<ObservedTrial> trials, HashSet<TrialId> seen)
    {
        if (trials.Count(TpeSplit.IsObservation) >= StartupTrials)
        {
            var split = TpeSplit.Of(trials, spec.Metric.Goal);
            var random = Generator(trials.Count);
            for (var draw = 0; draw < Redraws; draw++)
            {
                var choices = parameters.Select(p => KeyValuePair.Create(p.Spec.Name, Choose(p, split, random))).ToList();
                var trial = PlannedTrial.For(TrialConfigBuilder.Build(spec, choices));
                if (!seen.Contains(trial.Id))
                {
                    return trial;
                }
            }
        }

        return RandomDraw(trials.Count, seen);
    }

    /// <summary>The value of one parameter: the candidate from l(x) that l(x) favours most over g(x), the first of equals.</summary>
    private static ParameterValue Choose(TpeParameter parameter, TpeSplit split, SplitMix64 random)
    {
        if (!parameter.IsSearched)
        {
            return parameter.Spec.Values[0];
        }

        var good = parameter.Estimator([.. split.Good.Select(parameter.Observe).OfType<double>()]);
        var bad = parameter.Estimator([.. split.Bad.Select(parameter.Observe).OfType<double>()]);
        var best = double.NaN;
        var bestScore = double.NegativeInfinity;

        // Whole numbers and choices repeat among the candidates: each is scored once.
        var scores = new Dictionary<double, double>();
        for (var i = 0; i < Candidates; i++)
        {
            var candidate = good.Sample(random);
            if (!scores.TryGetValue(candidate, out var score))
            {
                scores[candidate] = score = good.LogDensity(candidate) - bad.LogDensity(candidate);
            }

            if (double.IsNaN(best) || score > bestScore)
            {
                (best, bestScore) = (candidate, score);
            }
        }

        return parameter.ValueOf(best);
    }

    /// <summary>
    /// The first of random search's draws from the sampler seed that the sweep does not have: the start-up trials, and the
    /// fallback when TPE keeps choosing configurations already tried. Among the first <paramref name="trialCount"/> + 1
    /// distinct draws one is always new.
    /// </summary>
    private PlannedTrial? RandomDraw(int trialCount, HashSet<TrialId> seen) =>
        new RandomSearch().Expand(spec with { Count = trialCount + 1 }).FirstOrDefault(t => !seen.Contains(t.Id));

    /// <summary>
    /// A generator for the suggestion of trial number <paramref name="trialNumber"/>: the seed and the number mixed through
    /// one SplitMix64 step, so that neighbouring numbers do not get the same sequence shifted by one draw.
    /// </summary>
    private SplitMix64 Generator(int trialNumber) =>
        new(new SplitMix64(unchecked((ulong)spec.SamplerSeed ^ ((ulong)trialNumber * 0xD1B54A32D192ED03UL))).NextUInt64());
}
