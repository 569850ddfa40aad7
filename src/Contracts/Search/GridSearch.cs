using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Search;

/// <summary>
/// The cartesian product of the parameters' values: parameters in the order written, values in the order written,
/// the last parameter varying fastest (like itertools.product).
/// </summary>
public sealed class GridSearch : ISearchStrategy
{
    public IReadOnlyList<PlannedTrial> Expand(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        foreach (var parameter in spec.Parameters)
        {
            if (parameter.IsDistribution || parameter.Values.Count == 0)
            {
                throw new ArgumentException($"grid search needs values for every parameter; '{parameter.Name}' has {parameter.Sampling}", nameof(spec));
            }
        }

        var parameters = spec.Parameters;
        var position = new int[parameters.Count];
        var trials = new List<PlannedTrial>();
        var seen = new HashSet<TrialId>();
        while (true)
        {
            var choices = parameters.Select((p, i) => KeyValuePair.Create(p.Name, p.Values[position[i]]));
            var trial = PlannedTrial.For(TrialConfigBuilder.Build(spec, choices));
            if (seen.Add(trial.Id))
            {
                trials.Add(trial);
            }

            if (!Advance(position, parameters))
            {
                return trials;
            }
        }
    }

    private static bool Advance(int[] position, IReadOnlyList<ParameterSpec> parameters)
    {
        for (var i = position.Length - 1; i >= 0; i--)
        {
            if (++position[i] < parameters[i].Values.Count)
            {
                return true;
            }

            position[i] = 0;
        }

        return false;
    }
}
