using System.Globalization;
using System.Numerics;
using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Parsing;

/// <summary>Checks that span several fields: how many trials the space holds, and whether layers and activations fit together.</summary>
internal sealed class SearchSpaceChecks(SpecErrorList errors, SpecParserOptions options)
{
    /// <param name="parametersComplete">False when a parameter could not be read, so the space's true size is unknown.</param>
    public void CheckMethod(MappingFields top, SearchMethod method, long? count, List<ReadParameter> parameters, bool parametersComplete)
    {
        var cap = options.MaxTrials;
        if (method == SearchMethod.Grid)
        {
            foreach (var key in new[] { "count", "seed" })
            {
                if (top[key] is { } field)
                {
                    var hint = key == "seed" ? "; the trials' own seed goes in training.seed" : "";
                    errors.Add(field.KeyNode, key, $"{key} applies only to method random or tpe", $"method: random beside {key}, or no {key}{hint}", key);
                }
            }

            var size = parameters.Aggregate(BigInteger.One, (product, p) => product * p.Spec.Values.Count);
            if (size > cap && top["parameters"] is { } field2)
            {
                var factors = string.Join(" × ", parameters.Where(p => p.Spec.Values.Count > 1).Select(p => $"{p.Spec.Name} {p.Spec.Values.Count}"));
                errors.Add(field2.KeyNode, "parameters", $"the grid has {Format(size)} trials ({factors}), more than the cap of {Format(cap)}",
                    $"at most {Format(cap)} trials: fewer values, or method: random with a count", Format(size));
            }

            return;
        }

        if (top["count"] is not { } countField)
        {
            if (top["method"] is { } methodField)
            {
                errors.Add(methodField.Value, "count", $"method {method.ToString().ToLowerInvariant()} needs a count", $"count: how many trials to sample, from 1 to {Format(cap)}");
            }

            return;
        }

        if (count is not { } wanted)
        {
            return;
        }

        if (wanted > cap)
        {
            errors.Add(countField.Value, "count", $"count {Format(wanted)} is more than the cap of {Format(cap)} trials", $"a count from 1 to {Format(cap)}", Format(wanted));
            return;
        }

        // Without a continuous distribution the space is finite; asking for more than it holds cannot be met.
        if (parametersComplete && parameters.All(p => p.Spec.Sampling is not (ParameterSampling.Uniform or ParameterSampling.LogUniform)))
        {
            var distinct = parameters.Aggregate(BigInteger.One, (product, p) => product * Choices(p.Spec));
            if (wanted > distinct)
            {
                errors.Add(countField.Value, "count", $"count {Format(wanted)} is more than the {Format(distinct)} distinct configurations these parameters allow",
                    $"a count of at most {Format(distinct)}, or more values to draw from", Format(wanted));
            }
        }
    }

    /// <summary>
    /// Random search stops after many repeated draws in a row, so a space that holds fewer configurations than <c>count</c> yet is not
    /// finite on paper (rounding narrows a tiny continuous range to a few values) comes up short: said here instead of running fewer.
    /// </summary>
    public void CheckDrawn(MappingFields top, SweepSpec spec, IReadOnlyList<PlannedTrial> trials)
    {
        if (spec.Count is not { } wanted || trials.Count >= wanted || top["count"] is not { } countField)
        {
            return;
        }

        var drawn = trials.Count == 1 ? "only 1 distinct configuration" : $"only {Format(trials.Count)} distinct configurations";
        errors.Add(countField.Value, "count", $"{drawn} could be drawn for count {Format(wanted)}: every further draw repeated one of them",
            $"a count of at most {Format(trials.Count)}, or wider ranges or more values to draw from", Format(wanted));
    }

    /// <summary>Every candidate activation list must give one activation per hidden layer, or one for all, for every candidate hidden list.</summary>
    public void CheckLayers(IReadOnlyDictionary<string, (ParameterValue Value, MappingField Field)> modelFixed, List<ReadParameter> parameters)
    {
        var hidden = Candidates("hidden", modelFixed, parameters);
        var activations = Candidates("activations", modelFixed, parameters);
        if (hidden is [] && activations is [])
        {
            return;
        }

        var defaultHidden = ConfigCatalog.Hidden.Default!.Sizes;
        var defaultActivations = ConfigCatalog.ActivationsField.Default!.Names;
        foreach (var (names, node, path) in activations)
        {
            var sizes = hidden is [] ? [(ParameterValue.OfSizes(defaultHidden), node, "the default hidden")] : hidden;
            var misfit = sizes.FirstOrDefault(h => names.Names.Count != 1 && names.Names.Count != h.Value.Sizes.Count);
            if (misfit.Value is not null)
            {
                errors.Add(node, path, $"{names} has {names.Names.Count} activations but {misfit.Path} {misfit.Value} has {misfit.Value.Sizes.Count} layers",
                    $"{misfit.Value.Sizes.Count} activations (one per hidden layer) or 1 for all", names.ToString());
            }
        }

        if (activations is [] && defaultActivations.Count != 1)
        {
            foreach (var (sizes, node, path) in hidden.Where(h => h.Value.Sizes.Count != defaultActivations.Count))
            {
                errors.Add(node, path, $"{sizes} has {sizes.Sizes.Count} layers but the default activations [{string.Join(",", defaultActivations)}] are {defaultActivations.Count}",
                    $"an activations list beside it with {sizes.Sizes.Count} entries, or 1 for all", sizes.ToString());
            }
        }
    }

    private static List<(ParameterValue Value, YamlDotNet.RepresentationModel.YamlNode Node, string Path)> Candidates(
        string name, IReadOnlyDictionary<string, (ParameterValue Value, MappingField Field)> modelFixed, List<ReadParameter> parameters)
    {
        if (parameters.FirstOrDefault(p => p.Spec.Name == name) is { } parameter)
        {
            return [.. parameter.Values];
        }

        return modelFixed.TryGetValue(name, out var given) ? [(given.Value, given.Field.Value, given.Field.Path)] : [];
    }

    private static BigInteger Choices(ParameterSpec parameter) => parameter.Sampling == ParameterSampling.IntUniform
        ? new BigInteger(parameter.Max) - new BigInteger(parameter.Min) + 1
        : parameter.Values.Count;

    private static string Format(BigInteger value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
