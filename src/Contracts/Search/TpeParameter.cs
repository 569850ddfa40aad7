using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Search;

/// <summary>
/// One swept parameter as TPE models it, on its own (univariate): its values in TPE's internal representation (a choice's
/// index, a real, a real's logarithm for log_uniform, a whole number) and back, and the Parzen estimator for a set of them.
/// </summary>
internal sealed class TpeParameter
{
    private readonly ConfigField field;

    public TpeParameter(ParameterSpec spec)
    {
        Spec = spec;
        field = ConfigCatalog.Find(spec.Name) ?? throw new ArgumentException($"'{spec.Name}' is not a configuration field", nameof(spec));
    }

    public ParameterSpec Spec { get; }

    /// <summary>Whether TPE chooses this parameter's value: not for a fixed value or a single candidate.</summary>
    public bool IsSearched => Spec.IsDistribution || (Spec.Sampling == ParameterSampling.Values && Spec.Values.Count > 1);

    /// <summary><paramref name="config"/>'s value in the internal representation; null when it lies outside this parameter's space.</summary>
    public double? Observe(TrialConfig config)
    {
        var value = field.Get(config);
        return Spec.Sampling switch
        {
            _ when value is null => null,
            ParameterSampling.Values => IndexOf(value),
            ParameterSampling.Uniform => Within(value.Real),
            ParameterSampling.LogUniform => Within(value.Real) is { } real ? Math.Log(real) : null,
            ParameterSampling.IntUniform => Within(value.Integer),
            _ => null,
        };
    }

    public ParzenEstimator Estimator(IReadOnlyList<double> observations) => Spec.Sampling switch
    {
        ParameterSampling.Values => new CategoricalParzenEstimator([.. observations.Select(o => (int)o)], Spec.Values.Count),
        ParameterSampling.Uniform => new NumericParzenEstimator(observations, Spec.Min, Spec.Max, 0),
        ParameterSampling.LogUniform => new NumericParzenEstimator(observations, Math.Log(Spec.Min), Math.Log(Spec.Max), 0),
        _ => new NumericParzenEstimator(observations, Spec.Min, Spec.Max, 1),
    };

    /// <summary>The value for <paramref name="x"/>, reals rounded as random search rounds them.</summary>
    public ParameterValue ValueOf(double x) => Spec.Sampling switch
    {
        ParameterSampling.Values => Spec.Values[(int)x],
        ParameterSampling.Uniform => ParameterValue.OfReal(RandomSearch.Rounded(x, Spec)),
        ParameterSampling.LogUniform => ParameterValue.OfReal(RandomSearch.Rounded(Math.Exp(x), Spec)),
        _ => ParameterValue.OfInteger((long)x),
    };

    private double? IndexOf(ParameterValue value)
    {
        for (var i = 0; i < Spec.Values.Count; i++)
        {
            if (Spec.Values[i].Equals(value))
            {
                return i;
            }
        }

        return null;
    }

    private double? Within(double value) => Spec.Sampling == ParameterSampling.IntUniform
        ? value >= Spec.Min && value <= Spec.Max ? value : null
        : value >= Spec.Min && value < Spec.Max ? value : null;
}
