using SweepGrid.TestData;
using SweepGrid.Trainer.Bundles;
using SweepGrid.Trainer.Checkpoints;
using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Tests.Bundles;

public sealed class BundleRunnerTests(FashionSliceFixture fixture) : IClassFixture<FashionSliceFixture>, IDisposable
{
    private readonly TempFolder _temp = new("sweepgrid-bundle");

    [Fact]
    public void Sgd_members_with_nesterov_momentum_and_their_own_rates_and_schedules_equal_their_single_runs()
    {
        AssertMembersEqualSingleRuns(
        [
            FashionSliceFixture.Spec(new OptimizerConfig { Kind = OptimizerKind.Sgd, LearningRate = 0.05, Momentum = 0.9, Nesterov = true }),
            FashionSliceFixture.Spec(new OptimizerConfig
            {
                Kind = OptimizerKind.Sgd, LearningRate = 0.1, Momentum = 0.5, Nesterov = true, WeightDecay = 1e-3,
                Schedule = LrScheduleKind.Step, StepSize = 1, Gamma = 0.5,
            }, seed: 11, dropout: 0.4),
            FashionSliceFixture.Spec(new OptimizerConfig
            {
                Kind = OptimizerKind.Sgd, LearningRate = 0.02, Momentum = 0.8, Nesterov = true,
                Schedule = LrScheduleKind.Cosine, MinLearningRate = 0.001,
            }, seed: 12, dropout: 0),
        ]);
    }

    [Fact]
    public void Adam_members_with_other_betas_eps_and_weight_decay_equal_their_single_runs()
    {
        AssertMembersEqualSingleRuns(
        [
            FashionSliceFixture.Spec(new OptimizerConfig { Kind = OptimizerKind.Adam, LearningRate = 0.001 }),
            FashionSliceFixture.Spec(new OptimizerConfig
            {
                Kind = OptimizerKind.Adam, LearningRate = 0.003, Beta1 = 0.8, Beta2 = 0.99, Eps = 1e-6, WeightDecay = 1e-4,
            }, seed: 21, dropout: 0.1),
            FashionSliceFixture.Spec(new OptimizerConfig
            {
                Kind = OptimizerKind.Adam, LearningRate = 0.002, Beta1 = 0.95, Schedule = LrScheduleKind.Step, StepSize = 1, Gamma = 0.3,
            }, seed: 22, dropout: 0.3),
        ]);
    }

    [Fact]
    public void RmsProp_members_with_momentum_equal_their_single_runs()
    {
        AssertMembersEqualSingleRuns(
        [
            FashionSliceFixture.Spec(new OptimizerConfig { Kind = OptimizerKind.RmsProp, LearningRate = 0.001, Momentum = 0.9 }),
            FashionSliceFixture.Spec(new OptimizerConfig
            {
                Kind = OptimizerKind.RmsProp, LearningRate = 0.0005, Momentum = 0.5, WeightDecay = 1e-3, Eps = 1e-7,
                Schedule = LrScheduleKind.Cosine,
            }, seed: 31, dropout: 0.25),
        ]);
    }

    [Fact]
    public void A_diverging_member_ends_diverged_and_the_others_equal_their_single_runs()
    {
        TrialSpec Plain(OptimizerConfig optimizer, long seed) => FashionSliceFixture.Spec(optimizer, seed) with
        {
            Model = FashionSliceFixture.Spec(optimizer).Model with { BatchNorm = false, Activations = [SweepGrid.Trainer.Models.Activation.Relu] },
        };
        var specs = new[]
        {
            Plain(new OptimizerConfig { Kind = OptimizerKind.Sgd, LearningRate = 0.05 }, 7),
            Plain(new OptimizerConfig { Kind = OptimizerKind.Sgd, LearningRate = 1e12 }, 8),
            Plain(new OptimizerConfig { Kind = OptimizerKind.Sgd, LearningRate = 0.01, WeightDecay = 1e-3 }, 9),
        };

        var results = AssertMembersEqualSingleRuns(specs);

        Assert.Equal(TrialOutcome.Diverged, results[1].Outcome);
        Assert.Equal(1, results[1].EpochsCompleted);
        Assert.Equal([TrialOutcome.Completed, TrialOutcome.Completed], new[] { results[0].Outcome, results[2].Outcome });
    }

    [Fact]
    public void A_member_stopped_after_epoch_one_leaves_the_bundle_and_the_others_equal_their_single_runs()
    {
        var specs = new[]
        {
            FashionSliceFixture.Spec(new OptimizerConfig { Kind = OptimizerKind.Adam, LearningRate = 0.001 }) with { Epochs = 3 },
            FashionSliceFixture.Spec(new OptimizerConfig { Kind = OptimizerKind.Adam, LearningRate = 0.004 }, seed: 8) with { Epochs = 3 },
            FashionSliceFixture.Spec(new OptimizerConfig { Kind = OptimizerKind.Adam, LearningRate = 0.002 }, seed: 9) with { Epochs = 3 },
        };
        var reported = new List<(int Member, int Epoch)>();

        var results = BundleRunner.Run(specs, fixture.Data, (member, report) =>
        {
            reported.Add((member, report.Epoch));
            return member == 1 && report.Epoch == 1 ? EpochDirective.StopWith("pruned") : EpochDirective.Continue;
        });

        Assert.Equal(TrialOutcome.Stopped, results[1].Outcome);
        Assert.Equal("pruned", results[1].Reason);
        Assert.Equal(1, results[1].EpochsCompleted);
        Assert.DoesNotContain((1, 2), reported);
        Assert.Equal([(0, 1), (1, 1), (2, 1), (0, 2), (2, 2), (0, 3), (2, 3)], reported);
        var stoppedAlone = TrialRunner.Run(specs[1], fixture.Data, r => r.Epoch == 1 ? EpochDirective.StopWith("pruned") : EpochDirective.Continue);
        AssertSame(stoppedAlone, results[1]);
        AssertSame(TrialRunner.Run(specs[0], fixture.Data), results[0]);
        AssertSame(TrialRunner.Run(specs[2], fixture.Data), results[2]);
    }

    [Fact]
    public void A_bundle_members_checkpoint_resumes_as_a_single_trial_and_a_single_trials_checkpoint_resumes_in_a_bundle()
    {
        var specA = FashionSliceFixture.Spec(new OptimizerConfig { Kind = OptimizerKind.RmsProp, LearningRate = 0.001, Momentum = 0.5 }) with
        {
            Epochs = 3,
            CheckpointDirectory = _temp.Combine("a"),
        };
        var specB = specA with { Seed = 17, Optimizer = specA.Optimizer with { LearningRate = 0.002 }, CheckpointDirectory = _temp.Combine("b") };
        var specC = specA with { Seed = 18, Model = specA.Model with { Dropout = 0.4 }, CheckpointDirectory = _temp.Combine("c") };
        var aloneA = TrialRunner.Run(specA with { CheckpointDirectory = null }, fixture.Data);
        var aloneB = TrialRunner.Run(specB with { CheckpointDirectory = null }, fixture.Data);
        var aloneC = TrialRunner.Run(specC with { CheckpointDirectory = null }, fixture.Data);

        // A bundle stops after epoch 1 (lease lost); A resumes alone, B and C resume as a bundle.
        var first = BundleRunner.Run([specA, specB], fixture.Data, (_, report) => EpochDirective.StopWith("lease lost"));
        Assert.All(first, r => Assert.Equal(TrialOutcome.Stopped, r.Outcome));
        Assert.Equal(1, CheckpointFile.ReadState(specA.CheckpointDirectory!)!.Epoch);
        var resumedA = TrialRunner.Run(specA, fixture.Data);
        Assert.Equal(1, resumedA.ResumedFromEpoch);
        AssertSame(aloneA, resumedA);

        // C trains two epochs alone, then joins B in a bundle: each resumes from its own checkpoint at its own epoch.
        TrialRunner.Run(specC with { Epochs = 3 }, fixture.Data, report => report.Epoch == 2 ? EpochDirective.StopWith("lease lost") : EpochDirective.Continue);
        var resumed = BundleRunner.Run([specB, specC], fixture.Data);
        Assert.Equal([1, 2], resumed.Select(r => r.ResumedFromEpoch));
        AssertSame(aloneB, resumed[0]);
        AssertSame(aloneC, resumed[1]);
    }

    [Fact]
    public void Cancellation_mid_epoch_interrupts_every_member_still_training()
    {
        using var cancel = new CancellationTokenSource();
        var specs = new[]
        {
            FashionSliceFixture.Spec(new OptimizerConfig { Kind = OptimizerKind.Adam, LearningRate = 0.001 }),
            FashionSliceFixture.Spec(new OptimizerConfig { Kind = OptimizerKind.Adam, LearningRate = 0.002 }, seed: 3),
        };

        var results = BundleRunner.Run(specs, fixture.Data, (member, _) =>
        {
            if (member == 1)
            {
                cancel.Cancel();
            }

            return EpochDirective.Continue;
        }, cancel.Token);

        Assert.All(results, r => Assert.Equal(TrialOutcome.Interrupted, r.Outcome));
        Assert.All(results, r => Assert.Equal(1, r.EpochsCompleted));
    }

    [Fact]
    public void Trials_of_different_shapes_are_refused_with_what_differs()
    {
        var adam = FashionSliceFixture.Spec(new OptimizerConfig());
        var error = Assert.Throws<TrainingConfigException>(() => BundleRunner.Run([adam, adam with { BatchSize = 64 }], fixture.Data));

        Assert.Equal("bundle", error.Field);
        Assert.Contains("trial 1 has another batch size than trial 0", error.Message);
    }

    private IReadOnlyList<TrialResult> AssertMembersEqualSingleRuns(IReadOnlyList<TrialSpec> specs)
    {
        var alone = specs.Select(s => TrialRunner.Run(s, fixture.Data)).ToList();
        var fused = BundleRunner.Run(specs, fixture.Data);

        Assert.Equal(specs.Count, fused.Count);
        for (var i = 0; i < specs.Count; i++)
        {
            AssertSame(alone[i], fused[i]);
        }

        return fused;
    }

    /// <summary>Bit-identical: the same outcome, every epoch's figures and the same predictions on validation and test.</summary>
    private static void AssertSame(TrialResult expected, TrialResult actual)
    {
        Assert.Equal(expected.Outcome, actual.Outcome);
        Assert.Equal(expected.Reason, actual.Reason);
        Assert.Equal(Figures(expected), Figures(actual));
        Assert.Equal(expected.Validation?.ConfusionMatrix.Counts, actual.Validation?.ConfusionMatrix.Counts);
        Assert.Equal(expected.Test?.ConfusionMatrix.Counts, actual.Test?.ConfusionMatrix.Counts);
    }

    private static List<double> Figures(TrialResult result) => result.History
        .SelectMany(e => new[] { e.TrainLoss, e.TrainAccuracy, e.ValidationLoss ?? -1, e.ValidationAccuracy ?? -1, e.LearningRate })
        .Append(result.Validation?.Loss ?? -1).Append(result.Test?.Loss ?? -1).ToList();

    public void Dispose() => _temp.Dispose();
}
