using System.Text.RegularExpressions;
using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Search;
using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;
using YamlDotNet.RepresentationModel;

namespace SweepGrid.Contracts.Parsing;

/// <summary>Reads a spec's document into a <see cref="SweepSpec"/>, reporting every mistake rather than stopping at the first.</summary>
internal sealed partial class SpecReader(SpecNodeReader reader, SpecParserOptions options)
{
    private bool pathWritten;

    private const string NameRule = "letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters";

    /// <summary>The spec and the trials its search expands to (none for tpe, which suggests them as it goes), checked against the catalog's rules across fields.</summary>
    public (SweepSpec Spec, IReadOnlyList<PlannedTrial> Trials)? ReadPlan(YamlNode root)
    {
        var top = reader.Mapping(root, "", SpecVocabulary.TopLevelKeys, "a mapping with name, dataset, model, training, method, metric and parameters");
        if (top is null)
        {
            return null;
        }

        var name = top["name"] is { } nameField ? ReadName(nameField) : null;
        var datasetFixed = ReadFixed(top["dataset"], ConfigSection.Dataset, "{name: fashion-mnist, path: /usr/share/datasets/fashion-mnist, validation_split: 0.1}");
        CheckDataset(datasetFixed);
        var modelFixed = ReadFixed(top["model"], ConfigSection.Model);
        var trainingFixed = ReadFixed(top["training"], ConfigSection.Training);
        var method = top["method"] is { } methodField
            ? reader.Choice(methodField.Value, methodField.Path, SpecVocabulary.Methods, "method") switch
            {
                "random" => SearchMethod.Random,
                "tpe" or "bayes" => SearchMethod.Tpe,
                _ => SearchMethod.Grid,
            }
            : SearchMethod.Grid;
        var metric = top["metric"] is { } metricField ? ReadMetric(metricField) : new MetricSpec();
        var count = reader.Integer(top["count"], NumericDomain.WholeAtLeast(1));
        var samplerSeed = reader.Integer(top["seed"], NumericDomain.AnyWhole) ?? 0;
        var maxConcurrent = reader.Integer(top["max_concurrent_trials"], NumericDomain.WholeAtLeast(1));
        var maxRetries = reader.Integer(top["max_retries"], NumericDomain.WholeAtLeast(0)) ?? 2;
        var earlyReader = new EarlyTerminateReader(reader);
        MappingFields? earlyFields = null;
        var earlyTerminate = top["early_terminate"] is { } earlyField ? earlyReader.Read(earlyField, out earlyFields) : null;

        var allFixed = datasetFixed.Concat(modelFixed).Concat(trainingFixed).ToDictionary(f => f.Key, f => f.Value);
        var errorsBefore = reader.Errors.Count;
        var parameters = top["parameters"] is { } parametersField
            ? new ParameterReader(reader).Read(parametersField, method, allFixed.ToDictionary(f => f.Key, f => f.Value.Field))
            : [];
        var parametersComplete = reader.Errors.Count == errorsBefore;

        CheckRequired(top, parameters);
        var checks = new SearchSpaceChecks(reader.Errors, options);
        checks.CheckMethod(top, method, count, parameters, parametersComplete);
        checks.CheckLayers(modelFixed, parameters);

        if (reader.Errors.Count > 0 || name is null)
        {
            return null;
        }

        var written = allFixed.Keys.ToHashSet();
        var baseConfig = allFixed.Aggregate(new TrialConfig(), (config, f) => TrialConfigBuilder.With(config, f.Key, f.Value.Value));
        var spec = new SweepSpec
        {
            Name = name,
            Base = TrialConfigBuilder.WithDependentDefaults(baseConfig, written),
            Fixed = written,
            Method = method,
            Count = method != SearchMethod.Grid ? (int?)count : null,
            SamplerSeed = samplerSeed,
            Metric = metric,
            Parameters = parameters.Select(p => p.Spec).ToList(),
            MaxConcurrentTrials = (int?)maxConcurrent,
            MaxRetries = (int)maxRetries,
            EarlyTerminate = earlyTerminate,
        };

        // A tpe sweep has no list of trials up front; its space is checked on the draws random search would make from it.
        var trials = method == SearchMethod.Tpe ? new RandomSearch().Expand(spec) : SearchStrategies.For(spec).Expand(spec);
        checks.CheckDrawn(top, spec, trials);
        CheckRules(trials, spec, top, allFixed, parameters);
        if (earlyTerminate is not null && earlyFields is not null)
        {
            earlyReader.Check(earlyTerminate, earlyFields, top, spec, trials);
        }

        return reader.Errors.Count > 0 ? null : (spec, method == SearchMethod.Tpe ? [] : trials);
    }

    /// <summary>
    /// The catalog's rules across fields, on every trial the search expands to; each broken rule is reported once, at the
    /// field a user would change (where it is swept or fixed), with the values of the first trial that breaks it.
    /// </summary>
    private void CheckRules(IReadOnlyList<PlannedTrial> trials, SweepSpec spec, MappingFields top,
        IReadOnlyDictionary<string, (ParameterValue Value, MappingField Field)> allFixed, List<ReadParameter> parameters)
    {
        var broken = new HashSet<ConfigRule>();
        var metricReported = false;
        foreach (var trial in trials)
        {
            foreach (var rule in ConfigCatalog.Rules.Where(r => !broken.Contains(r) && !r.Holds(trial.Config)))
            {
                broken.Add(rule);
                var (node, path) = WhereWritten([rule.Field, .. rule.Involves], top, allFixed, parameters);
                var swept = parameters.Count > 0 && parameters.Any(p => rule.Involves.Append(rule.Field).Any(f => f.Name == p.Spec.Name && p.Spec.Values.Count != 1));
                var which = swept ? " in a trial the search expands to" : "";
                reader.Errors.Add(node, path, $"{rule.Describe(trial.Config)}{which}", rule.Allowed);
            }

            if (!metricReported && ConfigCatalog.MetricProblem(trial.Config, spec.Metric.Name) is { } problem)
            {
                metricReported = true;
                var (node, path) = WhereWritten([problem.Field], top, allFixed, parameters);
                reader.Errors.Add(node, path, problem.Problem, problem.Allowed);
            }
        }
    }

    private static (YamlNode Node, string Path) WhereWritten(IReadOnlyList<ConfigField> fields, MappingFields top,
        IReadOnlyDictionary<string, (ParameterValue Value, MappingField Field)> allFixed, List<ReadParameter> parameters)
    {
        foreach (var field in fields)
        {
            if (parameters.FirstOrDefault(p => p.Spec.Name == field.Name) is { } parameter)
            {
                return (parameter.Field.KeyNode, parameter.Field.Path);
            }

            if (allFixed.TryGetValue(field.Name, out var given))
            {
                return (given.Field.KeyNode, given.Field.Path);
            }
        }

        return (top.Node, fields[0].SpecPath);
    }

    private void CheckRequired(MappingFields top, List<ReadParameter> parameters)
    {
        if (top["name"] is null && !top.WasSuggested("name"))
        {
            reader.Errors.Add(top.Node, "name", "the sweep has no name", $"name: {NameRule}");
        }

        var hasFixedConfig = top["model"] is not null || top["training"] is not null;
        if (hasFixedConfig || parameters.Count > 0 || top.WasSuggested("parameters"))
        {
            return;
        }

        if (top["parameters"] is { } given)
        {
            if (reader.Errors.Count == 0)
            {
                reader.Errors.Add(given.Value, given.Path, "parameters is empty and there is no model or training section", "at least one parameter, or a model or training section for one fixed trial");
            }

            return;
        }

        reader.Errors.Add(top.Node, "parameters", "the sweep has no parameters and no model or training section",
            "parameters: a mapping such as {optimizer: {values: [sgd, adam]}}, or a model or training section for one fixed trial");
    }

    private string? ReadName(MappingField field)
    {
        if (reader.Text(field.Value, field.Path, NameRule) is not { } name)
        {
            return null;
        }

        if (!SweepName().IsMatch(name))
        {
            reader.Errors.Add(field.Value, field.Path, $"'{name}' cannot be a sweep name", NameRule, name);
            return null;
        }

        return name;
    }

    /// <summary>A dataset named without a path must be one SweepGrid knows; its name is then spelled as SweepGrid spells it.</summary>
    private void CheckDataset(Dictionary<string, (ParameterValue Value, MappingField Field)> datasetFixed)
    {
        if (!datasetFixed.TryGetValue(ConfigCatalog.Dataset.Name, out var given))
        {
            return;
        }

        var name = given.Value.Text;
        var known = ConfigCatalog.KnownDatasets.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        if (known is not null)
        {
            datasetFixed[ConfigCatalog.Dataset.Name] = (ParameterValue.OfText(known), given.Field);
        }
        else if (!datasetFixed.ContainsKey(ConfigCatalog.DatasetPath.Name) && !pathWritten)
        {
            reader.Errors.Add(given.Field.Value, given.Field.Path, $"unknown dataset '{name}' and no path given", ConfigCatalog.Dataset.Help,
                name, Suggestions.Closest(name, ConfigCatalog.KnownDatasets));
        }
    }

    /// <summary>A section's fields, each read exactly as the parameter of the same name would be.</summary>
    private Dictionary<string, (ParameterValue Value, MappingField Field)> ReadFixed(MappingField? section, ConfigSection which, string? example = null)
    {
        var values = new Dictionary<string, (ParameterValue Value, MappingField Field)>();
        if (section is null)
        {
            return values;
        }

        var fields = ConfigCatalog.In(which);
        var keys = SpecVocabulary.KeysOf(which);
        var mapping = reader.Mapping(section.Value, section.Path, keys, example ?? $"a mapping of {string.Join(", ", keys)}");
        pathWritten |= which == ConfigSection.Dataset && mapping?[ConfigCatalog.DatasetPath.SpecKey] is not null;
        foreach (var field in mapping?.Fields ?? [])
        {
            var definition = fields.First(f => f.SpecKey == field.Key);
            if (reader.Value(definition, field.Value, field.Path) is { } value)
            {
                values[definition.Name] = (value, field);
            }
        }

        return values;
    }

    private MetricSpec ReadMetric(MappingField field)
    {
        var metric = new MetricSpec();
        var mapping = reader.Mapping(field.Value, field.Path, SpecVocabulary.MetricKeys, "{name: val_accuracy, goal: maximize}");
        if (mapping is null)
        {
            return metric;
        }

        if (mapping["name"] is { } nameField && reader.Choice(nameField.Value, nameField.Path, SpecVocabulary.Metrics, "metric") is { } name)
        {
            metric = metric with { Name = name, Goal = name.EndsWith("_loss", StringComparison.Ordinal) ? MetricGoal.Minimize : MetricGoal.Maximize };
        }

        if (mapping["goal"] is { } goalField && reader.Choice(goalField.Value, goalField.Path, SpecVocabulary.Goals, "goal") is { } goal)
        {
            metric = metric with { Goal = goal == "minimize" ? MetricGoal.Minimize : MetricGoal.Maximize };
        }

        return metric;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex SweepName();
}
