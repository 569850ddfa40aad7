using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Trials;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Metrics;
using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Silo.Workers;

/// <summary>
/// Between the contracts' configuration and the trainer's types: the one place that knows both. Names cross here through
/// one exhaustive mapping each, which throws on a name the catalog does not allow (a test walks the catalog's choices).
/// </summary>
public static class TrialSpecMapper
{
    public static TrialSpec ToSpec(TrialConfig config, string device, int threads, string? checkpointDirectory)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new TrialSpec
        {
            Dataset = new DatasetOptions
            {
                Source = config.DatasetPath ?? config.DatasetName,
                ValidationSplit = config.ValidationSplit,
                Normalization = NormalizationOf(config.Normalization),
                TrainLimit = config.TrainLimit,
                TestLimit = config.TestLimit,
            },
            Model = ModelOf(config),
            Optimizer = new OptimizerConfig
            {
                Kind = OptimizerOf(config.Optimizer),
                LearningRate = config.LearningRate,
                Momentum = config.Momentum,
                Nesterov = config.Nesterov,
                WeightDecay = config.WeightDecay,
                Beta1 = config.Beta1,
                Beta2 = config.Beta2,
                Eps = config.Eps,
                Schedule = ScheduleOf(config.LrSchedule),
                StepSize = config.LrStepSize,
                Gamma = config.LrGamma,
                MinLearningRate = config.MinLearningRate,
            },
            LabelSmoothing = config.LabelSmoothing,
            Epochs = config.Epochs,
            BatchSize = config.BatchSize,
            Seed = config.Seed,
            SplitSeed = config.SplitSeed,
            Device = device,
            Threads = threads,
            CheckpointDirectory = checkpointDirectory,
        };
    }

    /// <summary>The trainer's model of a trial: what its workers build, and what an export loads weights into.</summary>
    public static ModelConfig ModelOf(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ModelConfig
        {
            Hidden = config.Hidden.ToList(),
            Activations = config.Activations.Select(ActivationOf).ToList(),
            BatchNorm = config.BatchNorm,
            Dropout = config.Dropout,
            RegularizeEveryLayer = config.RegularizeEveryLayer,
        };
    }

    public static OptimizerKind OptimizerOf(string name) => name switch
    {
        "sgd" => OptimizerKind.Sgd,
        "adam" => OptimizerKind.Adam,
        "rmsprop" => OptimizerKind.RmsProp,
        _ => throw Unknown(ConfigCatalog.Optimizer, name),
    };

    public static LrScheduleKind ScheduleOf(string name) => name switch
    {
        "constant" => LrScheduleKind.Constant,
        "step" => LrScheduleKind.Step,
        "cosine" => LrScheduleKind.Cosine,
        _ => throw Unknown(ConfigCatalog.LrSchedule, name),
    };

    public static Normalization NormalizationOf(string name) => name switch
    {
        "minus_one_to_one" => Normalization.MinusOneToOne,
        "standardize" => Normalization.Standardize,
        _ => throw Unknown(ConfigCatalog.Normalization, name),
    };

    public static Activation ActivationOf(string name) => name switch
    {
        "relu" => Activation.Relu,
        "gelu" => Activation.Gelu,
        "tanh" => Activation.Tanh,
        "sigmoid" => Activation.Sigmoid,
        "leaky_relu" => Activation.LeakyRelu,
        "elu" => Activation.Elu,
        "silu" => Activation.Silu,
        _ => throw Unknown(ConfigCatalog.ActivationsField, name),
    };

    public static EpochMetrics ToMetrics(EpochReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new EpochMetrics(report.Epoch, report.TotalEpochs, report.TrainLoss, report.TrainAccuracy, report.ValidationLoss,
            report.ValidationAccuracy, report.LearningRate, report.DurationSeconds, report.SamplesPerSecond);
    }

    /// <summary>A trial's figures as the contracts carry them; the only conversion of a trainer's result.</summary>
    public static TrialMetrics ToMetrics(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new TrialMetrics
        {
            ValLoss = result.Validation?.Loss,
            ValAccuracy = result.Validation?.Accuracy,
            ValMacroF1 = result.Validation?.MacroF1,
            TestLoss = result.Test?.Loss,
            TestAccuracy = result.Test?.Accuracy,
            TestMacroF1 = result.Test?.MacroF1,
            SamplesPerSecond = result.SamplesPerSecond,
            ClassNames = result.ClassNames.ToList(),
            ConfusionMatrix = result.Test?.ConfusionMatrix.Counts.Select(r => (IReadOnlyList<long>)r.ToList()).ToList() ?? [],
            ClassificationReport = result.Test is { } test ? test.Report.Classes.Select(ToScore).ToList() : [],
        };
    }

    private static ClassScore ToScore(ClassMetrics c) => new(c.Name, c.Precision, c.Recall, c.F1, c.Support);

    private static TrainingConfigException Unknown(ConfigField field, string name) => new(field.Name, name, "use " + field.Allowed);
}
