using System.Text.RegularExpressions;
using SweepGrid.Contracts.Search;
using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;
using YamlDotNet.RepresentationModel;

namespace SweepGrid.Contracts.Parsing;

/// <summary>Reads a spec's document into a <see cref="SweepSpec"/>, reporting every mistake rather than stopping at the first.</summary>
internal sealed partial class SpecReader(SpecNodeReader reader, SpecParserOptions options)
{
    private const string NameRule = "letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters";

    public SweepSpec? Read(YamlNode root)
    {
        var top = reader.Mapping(root, "", SpecVocabulary.TopLevelKeys, "a mapping with name, dataset, model, training, method, metric and parameters");
        if (top is null)
        {
            return null;
        }

        var name = top["name"] is { } nameField ? ReadName(nameField) : null;
        var dataset = top["dataset"] is { } datasetField ? ReadDataset(datasetField) : new DatasetSection();
        var modelFixed = ReadFixed(top["model"], "model");
        var trainingFixed = ReadFixed(top["training"], "training");
        var method = top["method"] is { } methodField && reader.Choice(methodField.Value, methodField.Path, SpecVocabulary.Methods, "method") == "random"
            ? SearchMethod.Random
            : SearchMethod.Grid;
        var metric = top["metric"] is { } metricField ? ReadMetric(metricField) : new MetricSpec();
        var count = Whole(top["count"], NumericDomain.WholeAtLeast(1));
        var samplerSeed = Whole(top["seed"], NumericDomain.AnyWhole) ?? 0;
        var maxConcurrent = Whole(top["max_concurrent_trials"], NumericDomain.WholeAtLeast(1));
        var maxRetries = Whole(top["max_retries"], NumericDomain.WholeAtLeast(0)) ?? 2;

        var fixedFields = modelFixed.Concat(trainingFixed).ToDictionary(f => f.Key, f => f.Value.Field);
        var errorsBefore = reader.Errors.Count;
        var parameters = top["parameters"] is { } parametersField
            ? new ParameterReader(reader).Read(parametersField, method, fixedFields)
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

        var fixedConfig = modelFixed.Concat(trainingFixed)
            .Aggregate(new TrialConfig(), (config, f) => TrialConfigBuilder.With(config, f.Key, f.Value.Value));
        return new SweepSpec
        {
            Name = name,
            Dataset = dataset,
            Model = new ModelSection
            {
                Hidden = fixedConfig.Hidden,
                Activations = fixedConfig.Activations,
                BatchNorm = fixedConfig.BatchNorm,
                Dropout = fixedConfig.Dropout,
                RegularizeEveryLayer = fixedConfig.RegularizeEveryLayer,
            },
            Training = new TrainingSection
            {
                Optimizer = fixedConfig.Optimizer,
                LearningRate = trainingFixed.ContainsKey("learning_rate") ? fixedConfig.LearningRate : null,
                Momentum = fixedConfig.Momentum,
                Nesterov = fixedConfig.Nesterov,
                WeightDecay = fixedConfig.WeightDecay,
                LrSchedule = fixedConfig.LrSchedule,
                LrStepSize = fixedConfig.LrStepSize,
                LrGamma = fixedConfig.LrGamma,
                MinLearningRate = fixedConfig.MinLearningRate,
                Epochs = fixedConfig.Epochs,
                BatchSize = fixedConfig.BatchSize,
                Seed = fixedConfig.Seed,
            },
            Method = method,
            Count = method == SearchMethod.Random ? (int?)count : null,
            SamplerSeed = samplerSeed,
            Metric = metric,
            Parameters = parameters.Select(p => p.Spec).ToList(),
            MaxConcurrentTrials = (int?)maxConcurrent,
            MaxRetries = (int)maxRetries,
        };
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

    private DatasetSection ReadDataset(MappingField field)
    {
        var dataset = new DatasetSection();
        var mapping = reader.Mapping(field.Value, field.Path, SpecVocabulary.DatasetKeys, "{name: fashion-mnist, path: /usr/share/datasets/fashion-mnist, validation_split: 0.1}");
        if (mapping is null)
        {
            return dataset;
        }

        var path = mapping["path"] is { } pathField ? reader.Text(pathField.Value, pathField.Path, "a folder holding the dataset's files") : null;
        if (mapping["name"] is { } nameField && reader.Text(nameField.Value, nameField.Path, "fashion-mnist, cifar10, or any name with a path") is { } name)
        {
            var known = SpecVocabulary.KnownDatasets.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (known is null && path is null && mapping["path"] is null)
            {
                reader.Errors.Add(nameField.Value, nameField.Path, $"unknown dataset '{name}' and no path given", "fashion-mnist, cifar10, or any name with a path",
                    name, Suggestions.Closest(name, SpecVocabulary.KnownDatasets));
            }

            dataset = dataset with { Name = known ?? name };
        }

        dataset = dataset with { Path = path };
        if (mapping["validation_split"] is { } split && reader.Real(split.Value, split.Path, NumericDomain.Fraction) is { } splitValue)
        {
            dataset = dataset with { ValidationSplit = splitValue };
        }

        if (mapping["normalization"] is { } normalization
            && reader.Choice(normalization.Value, normalization.Path, SpecVocabulary.Normalizations, "normalization") is { } normalizationValue)
        {
            dataset = dataset with { Normalization = normalizationValue };
        }

        return dataset with
        {
            TrainLimit = (int?)Whole(mapping["train_limit"], NumericDomain.WholeAtLeast(2)),
            TestLimit = (int?)Whole(mapping["test_limit"], NumericDomain.WholeAtLeast(1)),
            SplitSeed = Whole(mapping["split_seed"], NumericDomain.AnyWhole) ?? dataset.SplitSeed,
        };
    }

    /// <summary>The model or training section's fields, each read exactly as the parameter of the same name would be.</summary>
    private Dictionary<string, (ParameterValue Value, MappingField Field)> ReadFixed(MappingField? section, string name)
    {
        var values = new Dictionary<string, (ParameterValue Value, MappingField Field)>();
        if (section is null)
        {
            return values;
        }

        var keys = ParameterCatalog.NamesIn(name);
        var mapping = reader.Mapping(section.Value, section.Path, keys, $"a mapping of {string.Join(", ", keys)}");
        foreach (var field in mapping?.Fields ?? [])
        {
            if (reader.Value(ParameterCatalog.Find(field.Key)!, field.Value, field.Path) is { } value)
            {
                values[field.Key] = (value, field);
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

    private long? Whole(MappingField? field, NumericDomain domain) =>
        field is null ? null : reader.Integer(field.Value, field.Path, domain);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex SweepName();
}
