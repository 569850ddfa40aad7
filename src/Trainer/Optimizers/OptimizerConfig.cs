using System.Globalization;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Optimizers;

/// <summary>An optimizer and its learning-rate schedule. Momentum and Nesterov apply to SGD (momentum to RMSprop too).</summary>
public sealed record OptimizerConfig
{
    public OptimizerKind Kind { get; init; } = OptimizerKind.Adam;

    public double LearningRate { get; init; } = 0.001;

    public double Momentum { get; init; }

    public bool Nesterov { get; init; }

    public double WeightDecay { get; init; }

    public LrScheduleKind Schedule { get; init; } = LrScheduleKind.Constant;

    public int StepSize { get; init; } = 10;

    public double Gamma { get; init; } = 0.1;

    public double MinLearningRate { get; init; }

    /// <summary>Adam's decay rate of the gradient's running mean.</summary>
    [OmittedFromFingerprintAt(0.9)]
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's decay rate of the squared gradient's running mean.</summary>
    [OmittedFromFingerprintAt(0.999)]
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Added to the denominator of Adam's and RMSprop's step, for numerical stability.</summary>
    [OmittedFromFingerprintAt(1e-8)]
    public double Eps { get; init; } = 1e-8;

    public void Validate()
    {
        Require(LearningRate > 0 && double.IsFinite(LearningRate), "learning_rate", LearningRate, "it must be a finite number above 0");
        Require(Momentum >= 0 && Momentum < 1, "momentum", Momentum, "it must be at least 0 and below 1");
        Require(WeightDecay >= 0 && double.IsFinite(WeightDecay), "weight_decay", WeightDecay, "it must be 0 or more");
        if (Nesterov && (Kind != OptimizerKind.Sgd || Momentum <= 0))
        {
            throw new TrainingConfigException("nesterov", "true", "Nesterov momentum needs optimizer sgd with momentum above 0");
        }

        Require(Beta1 >= 0 && Beta1 < 1, "beta1", Beta1, "it must be at least 0 and below 1");
        Require(Beta2 >= 0 && Beta2 < 1, "beta2", Beta2, "it must be at least 0 and below 1");
        Require(Eps > 0 && Eps <= 1, "eps", Eps, "it must be above 0 and at most 1");
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
