using SweepGrid.Contracts.Trials;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Metrics;
using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Silo.Workers;

/// <summary>Between the contracts' plain records and the trainer's types; the one place that knows both.</summary>
public static class TrialSpecMapper
{
    public static TrialSpec ToSpec(TrialConfig config, string device, int threads, string? checkpointDirectory) => new()
    {
        Dataset = new DatasetOptions
        {
            Source = config.DatasetPath ?? config.DatasetName,
            ValidationSplit = config.ValidationSplit,
            Normalization = config.Normalization == "standardize" ? Normalization.Standardize : Normalization.MinusOneToOne,
            TrainLimit = config.TrainLimit,
            TestLimit = config.TestLimit,
        },
        Model = new ModelConfig
        {
            Hidden = config.Hidden.ToList(),
            Activations = config.Activations.Select(a => ActivationNames.Parse(a, "activations")).ToList(),
            BatchNorm = config.BatchNorm,
            Dropout = config.Dropout,
            RegularizeEveryLayer = config.RegularizeEveryLayer,
        },
        Optimizer = new OptimizerConfig
        {
            Kind = OptimizerConfig.ParseKind(config.Optimizer),
            LearningRate = config.LearningRate,
            Momentum = config.Momentum,
            Nesterov = config.Nesterov,
            WeightDecay = config.WeightDecay,
            Schedule = OptimizerConfig.ParseSchedule(config.LrSchedule),
            StepSize = config.LrStepSize,
            Gamma = config.LrGamma,
            MinLearningRate = config.MinLearningRate,
        },
        Epochs = config.Epochs,
        BatchSize = config.BatchSize,
        Seed = config.Seed,
        SplitSeed = config.SplitSeed,
        Device = device,
        Threads = threads,
        CheckpointDirectory = checkpointDirectory,
    };

    public static EpochMetrics ToMetrics(EpochReport report) => new(report.Epoch, report.TotalEpochs, report.TrainLoss, report.TrainAccuracy,
        report.ValidationLoss, report.ValidationAccuracy, report.LearningRate, report.DurationSeconds, report.SamplesPerSecond);

    public static TrialMetrics ToMetrics(TrialResult result) => new()
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

    private static ClassScore ToScore(ClassMetrics c) => new(c.Name, c.Precision, c.Recall, c.F1, c.Support);
}
