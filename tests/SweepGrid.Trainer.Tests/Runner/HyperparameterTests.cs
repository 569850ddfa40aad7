using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Tests.Runner;

public sealed class HyperparameterTests(SyntheticDataFixture fixture) : IClassFixture<SyntheticDataFixture>
{
    [Fact]
    public void Label_smoothing_trains_on_a_softer_target_and_changes_the_run()
    {
        var plain = TrialRunner.Run(fixture.Spec(), fixture.Data);
        var smoothed = TrialRunner.Run(fixture.Spec() with { LabelSmoothing = 0.3 }, fixture.Data);

        Assert.Equal(TrialOutcome.Completed, smoothed.Outcome);
        // A smoothed target cannot be met exactly, so its training loss stays well above the plain one on learnable data.
        Assert.True(smoothed.History[^1].TrainLoss > plain.History[^1].TrainLoss + 0.1,
            $"smoothed {smoothed.History[^1].TrainLoss}, plain {plain.History[^1].TrainLoss}");
        Assert.True(smoothed.Test!.Accuracy > 0.8, $"test accuracy {smoothed.Test.Accuracy}");
    }

    [Theory]
    [InlineData(0.5, 0.999, 1e-8)]
    [InlineData(0.9, 0.9, 1e-8)]
    [InlineData(0.9, 0.999, 1e-2)]
    public void Adams_betas_and_eps_reach_the_optimizer(double beta1, double beta2, double eps)
    {
        var adam = new OptimizerConfig { Kind = OptimizerKind.Adam, LearningRate = 0.003 };
        var baseline = TrialRunner.Run(fixture.Spec() with { Optimizer = adam }, fixture.Data);
        var explicitDefaults = TrialRunner.Run(fixture.Spec() with { Optimizer = adam with { Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8 } }, fixture.Data);
        var tuned = TrialRunner.Run(fixture.Spec() with { Optimizer = adam with { Beta1 = beta1, Beta2 = beta2, Eps = eps } }, fixture.Data);

        Assert.Equal(TrainLosses(baseline), TrainLosses(explicitDefaults));
        Assert.NotEqual(TrainLosses(baseline), TrainLosses(tuned));
    }

    [Fact]
    public void Rmsprops_eps_reaches_the_optimizer()
    {
        var rmsprop = new OptimizerConfig { Kind = OptimizerKind.RmsProp, LearningRate = 0.001 };
        var baseline = TrialRunner.Run(fixture.Spec() with { Optimizer = rmsprop }, fixture.Data);
        var tuned = TrialRunner.Run(fixture.Spec() with { Optimizer = rmsprop with { Eps = 0.1 } }, fixture.Data);

        Assert.NotEqual(TrainLosses(baseline), TrainLosses(tuned));
    }

    [Fact]
    public void Checkpoints_written_before_the_new_settings_existed_keep_their_fingerprint()
    {
        // Fingerprints of TrialSpec before beta1, beta2, eps and label_smoothing existed: changing them would stop every
        // checkpoint written by an earlier version from resuming.
        Assert.Equal("f522cba6b5d56e0f", new TrialSpec().Fingerprint());
        var sgd = new TrialSpec { Epochs = 3, Optimizer = new OptimizerConfig { Kind = OptimizerKind.Sgd, LearningRate = 0.04, Momentum = 0.9 } };
        Assert.Equal("38ee3570beddca95", sgd.Fingerprint());

        Assert.NotEqual(sgd.Fingerprint(), (sgd with { LabelSmoothing = 0.1 }).Fingerprint());
        Assert.NotEqual(sgd.Fingerprint(), (sgd with { Optimizer = sgd.Optimizer with { Beta1 = 0.8 } }).Fingerprint());
    }

    [Theory]
    [InlineData("beta1")]
    [InlineData("beta2")]
    [InlineData("eps")]
    [InlineData("label_smoothing")]
    public void Out_of_range_values_are_refused_naming_the_setting(string field)
    {
        var spec = field switch
        {
            "beta1" => fixture.Spec() with { Optimizer = new OptimizerConfig { Beta1 = 1 } },
            "beta2" => fixture.Spec() with { Optimizer = new OptimizerConfig { Beta2 = -0.1 } },
            "eps" => fixture.Spec() with { Optimizer = new OptimizerConfig { Eps = 0 } },
            _ => fixture.Spec() with { LabelSmoothing = 1 },
        };

        Assert.Equal(field, Assert.Throws<TrainingConfigException>(spec.Validate).Field);
    }

    private static List<double> TrainLosses(TrialResult result) => result.History.Select(e => e.TrainLoss).ToList();
}
