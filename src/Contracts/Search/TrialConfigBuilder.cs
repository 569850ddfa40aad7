using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Search;

/// <summary>Resolves a trial's configuration: the spec's sections, overridden by the values a strategy chose.</summary>
public static class TrialConfigBuilder
{
    public static TrialConfig Build(SweepSpec spec, IEnumerable<KeyValuePair<string, ParameterValue>> choices)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(choices);

        var config = FromSections(spec);
        var learningRateChosen = spec.Training.LearningRate is not null;
        foreach (var (name, value) in choices)
        {
            config = With(config, name, value);
            learningRateChosen |= name == "learning_rate";
        }

        return learningRateChosen ? config : config with { LearningRate = DefaultLearningRate(config.Optimizer) };
    }

    /// <summary>The seed experiment's learning rate for each optimizer: sgd 0.04, adam and rmsprop 0.001.</summary>
    public static double DefaultLearningRate(string optimizer) => optimizer == "sgd" ? 0.04 : 0.001;

    public static TrialConfig With(TrialConfig config, string parameter, ParameterValue value)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(value);
        return parameter switch
        {
            "hidden" => config with { Hidden = Expect(value, ParameterValueKind.Sizes, parameter).Sizes },
            "activations" => config with { Activations = Expect(value, ParameterValueKind.Names, parameter).Names },
            "batch_norm" => config with { BatchNorm = Expect(value, ParameterValueKind.Flag, parameter).Flag },
            "dropout" => config with { Dropout = Expect(value, ParameterValueKind.Real, parameter).Real },
            "regularize_every_layer" => config with { RegularizeEveryLayer = Expect(value, ParameterValueKind.Flag, parameter).Flag },
            "optimizer" => config with { Optimizer = Expect(value, ParameterValueKind.Choice, parameter).Choice },
            "learning_rate" => config with { LearningRate = Expect(value, ParameterValueKind.Real, parameter).Real },
            "momentum" => config with { Momentum = Expect(value, ParameterValueKind.Real, parameter).Real },
            "nesterov" => config with { Nesterov = Expect(value, ParameterValueKind.Flag, parameter).Flag },
            "weight_decay" => config with { WeightDecay = Expect(value, ParameterValueKind.Real, parameter).Real },
            "lr_schedule" => config with { LrSchedule = Expect(value, ParameterValueKind.Choice, parameter).Choice },
            "lr_step_size" => config with { LrStepSize = checked((int)Expect(value, ParameterValueKind.Integer, parameter).Integer) },
            "lr_gamma" => config with { LrGamma = Expect(value, ParameterValueKind.Real, parameter).Real },
            "min_learning_rate" => config with { MinLearningRate = Expect(value, ParameterValueKind.Real, parameter).Real },
            "epochs" => config with { Epochs = checked((int)Expect(value, ParameterValueKind.Integer, parameter).Integer) },
            "batch_size" => config with { BatchSize = checked((int)Expect(value, ParameterValueKind.Integer, parameter).Integer) },
            "seed" => config with { Seed = Expect(value, ParameterValueKind.Integer, parameter).Integer },
            _ => throw new ArgumentException($"'{parameter}' is not a parameter; use one of {string.Join(", ", SpecVocabulary.ParameterNames)}", nameof(parameter)),
        };
    }

    private static TrialConfig FromSections(SweepSpec spec) => new()
    {
        DatasetName = spec.Dataset.Name,
        DatasetPath = spec.Dataset.Path,
        ValidationSplit = spec.Dataset.ValidationSplit,
        Normalization = spec.Dataset.Normalization,
        TrainLimit = spec.Dataset.TrainLimit,
        TestLimit = spec.Dataset.TestLimit,
        SplitSeed = spec.Dataset.SplitSeed,
        Hidden = spec.Model.Hidden,
        Activations = spec.Model.Activations,
        BatchNorm = spec.Model.BatchNorm,
        Dropout = spec.Model.Dropout,
        RegularizeEveryLayer = spec.Model.RegularizeEveryLayer,
        Optimizer = spec.Training.Optimizer,
        LearningRate = spec.Training.LearningRate ?? DefaultLearningRate(spec.Training.Optimizer),
        Momentum = spec.Training.Momentum,
        Nesterov = spec.Training.Nesterov,
        WeightDecay = spec.Training.WeightDecay,
        LrSchedule = spec.Training.LrSchedule,
        LrStepSize = spec.Training.LrStepSize,
        LrGamma = spec.Training.LrGamma,
        MinLearningRate = spec.Training.MinLearningRate,
        Epochs = spec.Training.Epochs,
        BatchSize = spec.Training.BatchSize,
        Seed = spec.Training.Seed,
    };

    private static ParameterValue Expect(ParameterValue value, ParameterValueKind kind, string parameter) =>
        value.Kind == kind ? value : throw new ArgumentException($"{parameter} takes a {kind} value, not {value.Kind} ({value})", nameof(value));
}
