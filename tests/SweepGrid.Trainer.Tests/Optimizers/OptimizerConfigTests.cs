using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Tests.Optimizers;

public sealed class OptimizerConfigTests
{
    [Fact]
    public void Step_schedule_multiplies_by_gamma_every_step_size_epochs()
    {
        var config = new OptimizerConfig { LearningRate = 0.1, Schedule = LrScheduleKind.Step, StepSize = 3, Gamma = 0.5 };
        var rates = Enumerable.Range(1, 7).Select(e => config.LearningRateAt(e, 7)).ToArray();
        Assert.Equal([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025], rates);
    }

    [Fact]
    public void Cosine_schedule_starts_at_the_rate_and_falls_to_the_minimum()
    {
        var config = new OptimizerConfig { LearningRate = 0.1, Schedule = LrScheduleKind.Cosine, MinLearningRate = 0.0 };
        Assert.Equal(0.1, config.LearningRateAt(1, 4), 12);
        Assert.Equal(0.05 * (1 + Math.Cos(Math.PI / 4)), config.LearningRateAt(2, 4), 12);
        Assert.Equal(0.05, config.LearningRateAt(3, 4), 12);
        Assert.True(config.LearningRateAt(4, 4) < config.LearningRateAt(3, 4));
    }

    [Theory]
    [InlineData(0.0, "learning_rate")]
    [InlineData(-0.5, "learning_rate")]
    [InlineData(double.NaN, "learning_rate")]
    public void Learning_rate_must_be_positive(double rate, string field)
    {
        var error = Assert.Throws<TrainingConfigException>(() => new OptimizerConfig { LearningRate = rate }.Validate());
        Assert.Equal(field, error.Field);
        Assert.Contains("above 0", error.Allowed);
    }

    [Fact]
    public void Nesterov_needs_sgd_with_momentum()
    {
        var error = Assert.Throws<TrainingConfigException>(() => new OptimizerConfig { Kind = OptimizerKind.Adam, Nesterov = true }.Validate());
        Assert.Equal("nesterov", error.Field);
        new OptimizerConfig { Kind = OptimizerKind.Sgd, Momentum = 0.9, Nesterov = true, LearningRate = 0.01 }.Validate();
    }
}
