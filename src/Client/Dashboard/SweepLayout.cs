using SweepGrid.Client.Dashboard.Api;
using SweepGrid.Client.Results;
using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Parsing;
using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Dashboard;

/// <summary>
/// What the sweep's spec says about its trials' configurations: the fields it varies (the table's columns, the axes of
/// parallel coordinates, the label of a trial) and how each axis is drawn.
/// </summary>
public sealed class SweepLayout
{
    private SweepLayout(IReadOnlyList<(ConfigField Field, ParameterJson Json)> parameters)
    {
        Parameters = parameters;
    }

    public IReadOnlyList<(ConfigField Field, ParameterJson Json)> Parameters { get; }

    /// <summary>The layout of a launched sweep's spec; a spec that no longer parses (an older version's) varies nothing visible.</summary>
    public static SweepLayout Of(string specYaml)
    {
        SweepSpec spec;
        try
        {
            spec = SweepSpecParser.Parse(specYaml);
        }
        catch (SpecValidationException)
        {
            return new SweepLayout([]);
        }

        var parameters = spec.Parameters
            .Where(p => p.Sampling != ParameterSampling.Fixed && (p.IsDistribution || p.Values.Count > 1))
            .Select(p => (Field: ConfigCatalog.Find(p.Name), Spec: p))
            .Where(p => p.Field is not null)
            .OrderBy(p => IndexOf(p.Field!))
            .Select(p => (p.Field!, Describe(p.Field!, p.Spec)))
            .ToList();
        return new SweepLayout(parameters);
    }

    /// <summary>"adam lr=0.001 dropout=0.2": the varying fields; the optimizer alone for a sweep that varies nothing.</summary>
    public string Label(TrialConfig? config) => config is null ? "?"
        : Parameters.Count == 0 ? config.Optimizer
        : ConfigFields.Label(config, Parameters.Select(p => p.Field));

    /// <summary>The varying fields' values: numbers as numbers, everything else as its text.</summary>
    public IReadOnlyDictionary<string, object?> Values(TrialConfig? config)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (config is null)
        {
            return values;
        }

        foreach (var (field, _) in Parameters)
        {
            values[field.Name] = ValueOf(field.Get(config));
        }

        return values;
    }

    /// <summary>A parameter's value as PED-ANOVA reads it: the number, or the index of a choice among the axis's values.</summary>
    public static object? ValueOf(ParameterValue? value) => value?.Kind switch
    {
        null => null,
        ParameterValueKind.Real => value.Real,
        ParameterValueKind.Integer => value.Integer,
        ParameterValueKind.Flag => value.Flag,
        ParameterValueKind.Sizes => string.Join("-", value.Sizes),
        ParameterValueKind.Names => string.Join("-", value.Names),
        _ => value.ToString(),
    };

    private static int IndexOf(ConfigField field)
    {
        for (var i = 0; i < ConfigCatalog.InReadingOrder.Count; i++)
        {
            if (ConfigCatalog.InReadingOrder[i] == field)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static ParameterJson Describe(ConfigField field, ParameterSpec spec)
    {
        var kind = field.Kind switch
        {
            ParameterValueKind.Real => "real",
            ParameterValueKind.Integer => "integer",
            ParameterValueKind.Flag => "bool",
            ParameterValueKind.Sizes => "sizes",
            ParameterValueKind.Names => "names",
            _ => "choice",
        };
        if (spec.IsDistribution)
        {
            return new ParameterJson(field.Name, kind, spec.Sampling == ParameterSampling.LogUniform, null, spec.Min, spec.Max);
        }

        var values = spec.Values.Select(v => ValueOf(v)!).Distinct().ToList();
        var numbers = spec.Values.Where(v => v.Kind is ParameterValueKind.Real or ParameterValueKind.Integer)
            .Select(v => v.Kind == ParameterValueKind.Real ? v.Real : v.Integer).ToList();
        // A grid such as 0.1, 0.01, 0.001 is spaced by factors: on a linear axis all but the largest would sit on top of each other.
        var log = numbers.Count == spec.Values.Count && numbers.Count > 1 && numbers.All(n => n > 0) && numbers.Max() / numbers.Min() >= 10;
        return new ParameterJson(field.Name, kind, log, values, numbers.Count > 0 ? numbers.Min() : null, numbers.Count > 0 ? numbers.Max() : null);
    }
}
