using SweepGrid.TestData;
using SweepGrid.Trainer.Checkpoints;
using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Tests.Runner;

public sealed class TrialRunnerTests(SyntheticDataFixture fixture) : IClassFixture<SyntheticDataFixture>, IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void Trains_a_learnable_dataset_to_high_accuracy_and_reports_every_epoch()
    {
        var epochs = new List<EpochReport>();
        var result = TrialRunner.Run(fixture.Spec(), fixture.Data, report =>
        {
            epochs.Add(report);
            return EpochDirective.Continue;
        });

        Assert.Equal(TrialOutcome.Completed, result.Outcome);
        Assert.Equal([1, 2, 3, 4], epochs.Select(e => e.Epoch));
        Assert.All(epochs, e =>
        {
            Assert.True(e.DurationSeconds > 0);
            Assert.True(e.SamplesPerSecond > 0);
            Assert.NotNull(e.ValidationAccuracy);
        });
        Assert.True(epochs[^1].TrainLoss < epochs[0].TrainLoss);
        Assert.True(result.Test!.Accuracy > 0.9, $"test accuracy {result.Test.Accuracy}");
        Assert.Equal(200, result.Test.ConfusionMatrix.Total);
        Assert.Equal(60, result.Validation!.ConfusionMatrix.Total);
        Assert.Equal(result.Validation.Accuracy, epochs[^1].ValidationAccuracy);
    }

    [Fact]
    public void Same_config_and_seed_give_identical_metrics_and_another_seed_does_not()
    {
        var first = TrialRunner.Run(fixture.Spec(), fixture.Data);
        var second = TrialRunner.Run(fixture.Spec(), fixture.Data);
        var reseeded = TrialRunner.Run(fixture.Spec() with { Seed = 8 }, fixture.Data);

        Assert.Equal(Losses(first), Losses(second));
        Assert.Equal(first.Test!.ConfusionMatrix.Counts, second.Test!.ConfusionMatrix.Counts);
        Assert.NotEqual(Losses(first), Losses(reseeded));
    }

    [Fact]
    public void Two_trials_training_at_once_on_two_threads_match_their_solo_runs()
    {
        var specA = fixture.Spec();
        var specB = fixture.Spec() with { Seed = 11, Optimizer = new OptimizerConfig { Kind = OptimizerKind.RmsProp, LearningRate = 0.001 } };
        var soloA = TrialRunner.Run(specA, fixture.Data);
        var soloB = TrialRunner.Run(specB, fixture.Data);

        TrialResult? togetherA = null, togetherB = null;
        using var bothStarted = new Barrier(2);
        var threadA = new Thread(() => { bothStarted.SignalAndWait(); togetherA = TrialRunner.Run(specA, fixture.Data); });
        var threadB = new Thread(() => { bothStarted.SignalAndWait(); togetherB = TrialRunner.Run(specB, fixture.Data); });
        threadA.Start();
        threadB.Start();
        Assert.True(threadA.Join(TimeSpan.FromMinutes(2)) && threadB.Join(TimeSpan.FromMinutes(2)));

        Assert.Equal(Losses(soloA), Losses(togetherA!));
        Assert.Equal(Losses(soloB), Losses(togetherB!));
    }

    [Fact]
    public void A_trial_stopped_after_epoch_two_and_resumed_ends_exactly_like_an_uninterrupted_one()
    {
        var uninterrupted = TrialRunner.Run(fixture.Spec(), fixture.Data);

        var checkpoints = _temp.Combine("trial");
        var stopped = TrialRunner.Run(fixture.Spec(checkpoints), fixture.Data,
            report => report.Epoch == 2 ? EpochDirective.StopWith("lease lost") : EpochDirective.Continue);
        Assert.Equal(TrialOutcome.Stopped, stopped.Outcome);
        Assert.Equal(2, stopped.EpochsCompleted);
        Assert.Equal(2, CheckpointFile.ReadState(checkpoints)!.Epoch);

        var seen = new List<int>();
        var resumed = TrialRunner.Run(fixture.Spec(checkpoints), fixture.Data, report =>
        {
            seen.Add(report.Epoch);
            return EpochDirective.Continue;
        });

        Assert.Equal([3, 4], seen);
        Assert.Equal(2, resumed.ResumedFromEpoch);
        Assert.Equal(TrialOutcome.Completed, resumed.Outcome);
        Assert.Equal(Losses(uninterrupted), Losses(resumed));
        Assert.Equal(uninterrupted.Test!.Loss, resumed.Test!.Loss);
        Assert.Equal(uninterrupted.Test.ConfusionMatrix.Counts, resumed.Test.ConfusionMatrix.Counts);
    }

    [Fact]
    public void Cancellation_is_noticed_within_the_epoch_and_the_next_attempt_resumes_from_the_last_checkpoint()
    {
        var uninterrupted = TrialRunner.Run(fixture.Spec(), fixture.Data);
        var checkpoints = _temp.Combine("trial");
        using var cancel = new CancellationTokenSource();

        var interrupted = TrialRunner.Run(fixture.Spec(checkpoints), fixture.Data, report =>
        {
            if (report.Epoch == 1)
            {
                cancel.Cancel();
            }

            return EpochDirective.Continue;
        }, cancel.Token);

        Assert.Equal(TrialOutcome.Interrupted, interrupted.Outcome);
        Assert.Equal(1, interrupted.EpochsCompleted);
        var resumed = TrialRunner.Run(fixture.Spec(checkpoints), fixture.Data);
        Assert.Equal(1, resumed.ResumedFromEpoch);
        Assert.Equal(Losses(uninterrupted), Losses(resumed));
    }

    [Fact]
    public void A_checkpoint_of_another_configuration_is_not_resumed()
    {
        var checkpoints = _temp.Combine("trial");
        TrialRunner.Run(fixture.Spec(checkpoints) with { Epochs = 1 }, fixture.Data);

        var error = Assert.Throws<TrainingConfigException>(() => TrialRunner.Run(fixture.Spec(checkpoints) with { Seed = 99 }, fixture.Data));
        Assert.Equal("checkpoint", error.Field);
    }

    [Fact]
    public void Exploding_loss_ends_the_trial_as_diverged_at_that_epoch_without_throwing()
    {
        var spec = fixture.Spec() with
        {
            Optimizer = new OptimizerConfig { Kind = OptimizerKind.Sgd, LearningRate = 1e12 },
            Model = fixture.Spec().Model with { BatchNorm = false, Activations = [SweepGrid.Trainer.Models.Activation.Relu] },
        };
        var result = TrialRunner.Run(spec, fixture.Data);

        Assert.Equal(TrialOutcome.Diverged, result.Outcome);
        Assert.Null(result.Test);
        Assert.False(double.IsFinite(result.History[^1].TrainLoss));
        Assert.Contains($"epoch {result.History[^1].Epoch}", result.Reason);
    }

    [Fact]
    public void Runs_from_the_dataset_on_disk_when_given_no_prepared_data()
    {
        var result = TrialRunner.Run(fixture.Spec() with { Epochs = 1 });
        Assert.Equal(TrialOutcome.Completed, result.Outcome);
        Assert.Equal(200, result.Test!.ConfusionMatrix.Total);
    }

    private static List<double> Losses(TrialResult result) =>
        result.History.SelectMany(e => new[] { e.TrainLoss, e.ValidationLoss ?? double.NaN }).Append(result.Test?.Loss ?? double.NaN).ToList();

    public void Dispose() => _temp.Dispose();
}
