using System.Globalization;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Optimizers;

/// <summary>An optimizer and its learning-rate schedule. Momentum and Nesterov apply to SGD (momentum to RMSprop too).</summary>
public sealed record OptimizerConfig
{
    public static readonly IReadOnlyList<string> AllowedNames = ["sgd", "adam", "rmsprop"];
    public static readonly IReadOnlyList<string> AllowedSchedules = ["constant", "step", "cosine"];

    public OptimizerKind Kind { get; init; } = OptimizerKind.Adam;

    public double LearningRate { get; init; } = 0.001;

    public double Momentum { get; init; }

    public bool Nesterov { get; init; }

    public double WeightDecay { get; init; }

    public LrScheduleKind Schedule { get; init; } = LrScheduleKind.Constant;

    public int StepSize { get; init; } = 10;

    public double Gamma { get; init; } = 0.1;

    public double MinLearningRate { get; init; }

    /// <summary>The seed experiment's learning rate for each optimizer: SGD 0.04, Adam 0.001, RMSprop 0.001.</summary>
    public static double DefaultLearningRate(OptimizerKind kind) => kind == OptimizerKind.Sgd ? 0.04 : 0.001;

    public static OptimizerKind ParseKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "sgd" => OptimizerKind.Sgd,
        "adam" => OptimizerKind.Adam,
        "rmsprop" => OptimizerKind.RmsProp,
        _ => throw new TrainingConfigException("optimizer", text, $"use one of {string.Join(", ", AllowedNames)}"),
    };

    public static LrScheduleKind ParseSchedule(string text) => text.Trim().ToLowerInvariant() switch
    {
        "constant" or "none" => LrScheduleKind.Constant,
        "step" => LrScheduleKind.Step,
        "cosine" => LrScheduleKind.Cosine,
        _ => throw new TrainingConfigException("lr_schedule", text, $"use one of {string.Join(", ", AllowedSchedules)}"),
    };

    public static string Name(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd => "sgd",
        OptimizerKind.Adam => "adam",
        _ => "rmsprop",
    };

    public void Validate()
    {
        Require(LearningRate > 0 && double.IsFinite(LearningRate), "learning_rate", LearningRate, "it must be a finite number above 0");
        Require(Momentum >= 0 && Momentum < 1, "momentum", Momentum, "it must be at least 0 and below 1");
        Require(WeightDecay >= 0 && double.IsFinite(WeightDecay), "weight_decay", WeightDecay, "it must be 0 or more");
        if (Nesterov && (Kind != OptimizerKind.Sgd || Momentum <= 0))
        {
            throw new TrainingConfigException("nesterov", "true", "Nesterov momentum needs optimizer sgd with momentum above 0");
        }

        Require(StepSize > 0, "lr_step_size", StepSize, "it must be a positive number of epochs");
        Require(Gamma > 0 && Gamma <= 1, "lr_gamma", Gamma, "it must be above 0 and at most 1");
        Require(MinLearningRate >= 0 && MinLearningRate <= LearningRate, "min_learning_rate", MinLearningRate, "it must be between 0 and the learning rate");
    }

    /// <summary>The learning rate for a 1-based epoch of a trial of totalEpochs epochs.</summary>
    public double LearningRateAt(int epoch, int totalEpochs) => Schedule switch
    {
        LrScheduleKind.Step => LearningRate * Math.Pow(Gamma, (epoch - 1) / StepSize),
        LrScheduleKind.Cosine => MinLearningRate + 0.5 * (LearningRate - MinLearningRate) *
            (1 + Math.Cos(Math.PI * (epoch - 1) / Math.Max(totalEpochs, 1))),
        _ => LearningRate,
    };

    private static void Require(bool ok, string field, double value, string allowed)
    {
        if (!ok)
        {
            throw new TrainingConfigException(field, value.ToString(CultureInfo.InvariantCulture), allowed);
        }
    }
}
