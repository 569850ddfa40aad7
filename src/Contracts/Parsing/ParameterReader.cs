using System.Globalization;
using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Specs;
using YamlDotNet.RepresentationModel;

namespace SweepGrid.Contracts.Parsing;

/// <summary>Reads the <c>parameters</c> mapping: each swept field and how its value is chosen.</summary>
internal sealed class ParameterReader(SpecNodeReader reader)
{
    private const string Shapes = "{values: [...]}, {value: x} or {distribution: uniform|log_uniform|int_uniform, min: a, max: b}";

    public List<ReadParameter> Read(MappingField field, SearchMethod method, IReadOnlyDictionary<string, MappingField> fixedFields)
    {
        var parameters = new List<ReadParameter>();
        var mapping = reader.Mapping(field.Value, field.Path, SpecVocabulary.ParameterNames, "a mapping of parameter names to " + Shapes, "parameter");
        if (mapping is null)
        {
            return parameters;
        }

        foreach (var parameter in mapping.Fields)
        {
            var definition = ConfigCatalog.Find(parameter.Key)!;
            if (fixedFields.TryGetValue(parameter.Key, out var alsoFixed))
            {
                reader.Errors.Add(parameter.KeyNode, parameter.Path,
                    $"{parameter.Key} is also set at {alsoFixed.Path} (line {alsoFixed.KeyNode.Start.Line})",
                    $"set {parameter.Key} in one place: {alsoFixed.Path} for every trial, or under parameters to sweep it", parameter.Key);
            }

            if (ReadOne(definition, parameter, method) is { } read)
            {
                parameters.Add(read);
            }
        }

        return parameters;
    }

    private ReadParameter? ReadOne(ConfigField definition, MappingField parameter, SearchMethod method)
    {
        var mapping = reader.Mapping(parameter.Value, parameter.Path, SpecVocabulary.ParameterKeys, Shapes);
        if (mapping is null)
        {
            return null;
        }

        var forms = mapping.Fields.Where(f => f.Key is "values" or "value" or "distribution").ToList();
        if (forms.Count == 0)
        {
            if (!mapping.WasSuggested("values") && !mapping.WasSuggested("value") && !mapping.WasSuggested("distribution"))
            {
                reader.Errors.Add(parameter.Value, parameter.Path, $"{parameter.Key} has no values, value or distribution", Shapes);
            }

            return null;
        }

        if (forms.Count > 1)
        {
            reader.Errors.Add(forms[1].KeyNode, forms[1].Path, $"{forms[1].Key} given beside {forms[0].Key}", "only one of values, value and distribution", forms[1].Key);
            return null;
        }

        var form = forms[0];
        if (form.Key != "distribution")
        {
            foreach (var bound in new[] { mapping["min"], mapping["max"] }.OfType<MappingField>())
            {
                reader.Errors.Add(bound.KeyNode, bound.Path, $"{bound.Key} is given without a distribution",
                    "min and max only beside distribution: uniform, log_uniform or int_uniform", bound.Key);
            }
        }

        return form.Key switch
        {
            "values" => ReadValues(definition, parameter, form),
            "value" => reader.Value(definition, form.Value, form.Path) is { } value
                ? new ReadParameter(new ParameterSpec { Name = definition.Name, Sampling = ParameterSampling.Fixed, Values = [value] }, parameter, [(value, form.Value, form.Path)])
                : null,
            _ => ReadDistribution(definition, parameter, mapping, form, method),
        };
    }

    private ReadParameter? ReadValues(ConfigField definition, MappingField parameter, MappingField form)
    {
        var listKind = definition.Kind is ParameterValueKind.Sizes or ParameterValueKind.Names;
        var example = definition.Kind == ParameterValueKind.Sizes ? "values: [[128, 64, 32], [256, 128]]" : "values: [[relu, gelu, tanh], [relu]]";
        var allowed = listKind ? $"a list of {definition.Name} lists, e.g. {example}" : $"a list of values, each {definition.Allowed}";
        if (reader.Sequence(form.Value, form.Path, allowed) is not { } sequence)
        {
            return null;
        }

        // values: [128, 64, 32] for hidden reads as three candidates; say once what was likely meant.
        if (listKind && sequence.Children.All(c => c is YamlScalarNode))
        {
            reader.Errors.Add(form.Value, form.Path, $"each value of {definition.Name} must itself be a list", allowed, SpecNodeReader.Written(sequence.Children[0]));
            return null;
        }

        var values = new List<(ParameterValue Value, YamlNode Node, string Path)>();
        var seen = new Dictionary<ParameterValue, int>();
        var complete = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            var path = $"{form.Path}[{i}]";
            if (reader.Value(definition, item, path) is not { } value)
            {
                complete = false;
                continue;
            }

            if (seen.TryGetValue(value, out var earlier))
            {
                reader.Errors.Add(item, path, $"{value} repeats {values[earlier].Path}", "each value once", value.ToString());
                complete = false;
                continue;
            }

            seen[value] = values.Count;
            values.Add((value, item, path));
        }

        return complete
            ? new ReadParameter(new ParameterSpec { Name = definition.Name, Sampling = ParameterSampling.Values, Values = values.Select(v => v.Value).ToList() }, parameter, values)
            : null;
    }

    private ReadParameter? ReadDistribution(ConfigField definition, MappingField parameter, MappingFields mapping, MappingField form, SearchMethod method)
    {
        if (reader.Choice(form.Value, form.Path, SpecVocabulary.Distributions, "distribution") is not { } name)
        {
            return null;
        }

        var sampling = name switch
        {
            "uniform" => ParameterSampling.Uniform,
            "log_uniform" => ParameterSampling.LogUniform,
            _ => ParameterSampling.IntUniform,
        };

        var ok = true;
        if (method == SearchMethod.Grid)
        {
            reader.Errors.Add(form.Value, form.Path, $"method grid cannot sample a {name} distribution",
                "values or value under grid search (or method: random with a count)", name);
            ok = false;
        }

        var fits = definition.Kind switch
        {
            ParameterValueKind.Real => sampling != ParameterSampling.IntUniform ? null : "uniform or log_uniform",
            ParameterValueKind.Integer => sampling == ParameterSampling.IntUniform ? null : "int_uniform",
            _ => "values or value (a distribution draws numbers)",
        };
        if (fits is not null)
        {
            var what = definition.Kind switch
            {
                ParameterValueKind.Real => "a real number",
                ParameterValueKind.Integer => "a whole number",
                _ => "not a number",
            };
            reader.Errors.Add(form.Value, form.Path, $"{definition.Name} is {what}, so it cannot be drawn from {name}", fits, name);
            ok = false;
        }

        var min = Bound(mapping, "min", form);
        var max = Bound(mapping, "max", form);
        if (!ok || min is not { } low || max is not { } high)
        {
            return null;
        }

        var domain = definition.Domain;
        if (!domain.Contains(low.Value))
        {
            reader.Errors.Add(low.Field.Value, low.Field.Path, $"min {Text(low.Value)} is out of range for {definition.Name}", domain.Description, Text(low.Value));
            return null;
        }

        if (sampling == ParameterSampling.LogUniform && low.Value <= 0)
        {
            reader.Errors.Add(low.Field.Value, low.Field.Path, $"log_uniform needs min above 0, not {Text(low.Value)}", "a number above 0", Text(low.Value));
            return null;
        }

        if (low.Value >= high.Value)
        {
            reader.Errors.Add(low.Field.Value, low.Field.Path, $"min {Text(low.Value)} is not below max {Text(high.Value)}",
                "min below max (for a single value use {value: x})", Text(low.Value));
            return null;
        }

        // Drawn reals stay below max, whole numbers may reach it.
        var maxFits = sampling == ParameterSampling.IntUniform ? domain.Contains(high.Value) : domain.Max is not { } top || high.Value <= top;
        if (!maxFits)
        {
            reader.Errors.Add(high.Field.Value, high.Field.Path, $"max {Text(high.Value)} is out of range for {definition.Name}", domain.Description, Text(high.Value));
            return null;
        }

        if (sampling == ParameterSampling.IntUniform)
        {
            foreach (var bound in new[] { low, high }.Where(b => Math.Floor(b.Value) != b.Value))
            {
                reader.Errors.Add(bound.Field.Value, bound.Field.Path, $"{Text(bound.Value)} is not a whole number", "whole numbers for int_uniform", Text(bound.Value));
                return null;
            }
        }

        return new ReadParameter(new ParameterSpec { Name = definition.Name, Sampling = sampling, Min = low.Value, Max = high.Value }, parameter, []);
    }

    private (double Value, MappingField Field)? Bound(MappingFields mapping, string key, MappingField form)
    {
        if (mapping[key] is not { } field)
        {
            reader.Errors.Add(form.KeyNode, SpecNodeReader.Join(mapping.Path, key), $"the distribution has no {key}", $"{key}: a number beside distribution");
            return null;
        }

        return reader.Real(field.Value, field.Path, NumericDomain.Any) is { } value ? (value, field) : null;
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
