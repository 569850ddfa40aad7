using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SweepGrid.Contracts.Dispatch;
using SweepGrid.Contracts.Trials;
using SweepGrid.Silo.TensorBoard;
using SweepGrid.Silo.Workers;
using SweepGrid.TestData;
using SweepGrid.TestData.TensorBoard;
using SweepGrid.Trainer.Runner;
using SweepGrid.Trainer.TensorBoard;

namespace SweepGrid.Grains.Tests;

public sealed class TensorBoardExecutorTests : IDisposable
{
    private const string SweepId = "fashion-optimizers-0123abcd";
    private static readonly TrialConfig Config = new() { Optimizer = "sgd", LearningRate = 0.05, Dropout = 0.3, Epochs = 4, Momentum = 0.9, TrainLimit = 500 };
    private static readonly TrialId Trial = TrialId.Of(Config);

    private readonly TempFolder _temp = new("sweepgrid-tensorboard");
    private readonly ListLogger<TensorBoardExecutor> _logger = new();
    private readonly FakeTrialExecutor _fake = new(Options.Create(new FakeExecutorOptions { EpochDuration = TimeSpan.Zero }));

    public void Dispose() => _temp.Dispose();

    private string Root => _temp.Combine("tensorboard");

    private string TrialFolder => Path.Combine(Root, SweepId, $"{Trial.Value[..8]}-sgd-lr0.05-dropout0.3");

    [Fact]
    public void Every_epoch_the_worker_hears_of_is_written_at_its_number_beside_the_trial_configuration()
    {
        var reported = new List<EpochMetrics>();
        var result = Execute(1, epoch =>
        {
            reported.Add(epoch);
            return EpochAnswer.Continue;
        });

        Assert.Equal(TrialOutcome.Completed, result.Outcome);
        Assert.Equal(4, reported.Count);
        var run = TensorBoardRun.Read(TrialFolder);
        Assert.Equal(reported.Select(e => ((long)e.Epoch, (float)e.TrainLoss)), run.Scalars("loss/train"));
        Assert.Equal(reported.Select(e => ((long)e.Epoch, (float)e.TrainAccuracy)), run.Scalars("accuracy/train"));
        Assert.Equal(reported.Select(e => ((long)e.Epoch, (float)e.ValidationLoss!.Value)), run.Scalars("loss/val"));
        Assert.Equal(reported.Select(e => ((long)e.Epoch, (float)e.ValidationAccuracy!.Value)), run.Scalars("accuracy/val"));
        Assert.Equal(reported.Select(e => ((long)e.Epoch, (float)e.LearningRate)), run.Scalars("learning_rate"));
        Assert.Equal(reported.Select(e => ((long)e.Epoch, (float)e.SamplesPerSecond)), run.Scalars("samples_per_second"));
        Assert.Equal([(4L, (float)result.Metrics!.TestAccuracy!.Value)], run.Scalars("accuracy/test"));
        Assert.Equal([(4L, (float)result.Metrics.TestMacroF1!.Value)], run.Scalars("macro_f1/test"));

        var hparams = Assert.Single(run.HParams(HParamsPluginData.SessionStartTag)).HParams!;
        Assert.Equal("sgd", hparams["optimizer"]);
        Assert.Equal(0.05, hparams["learning_rate"]);
        Assert.Equal(0.3, hparams["dropout"]);
        Assert.Equal(0.9, hparams["momentum"]);
        Assert.Equal(4.0, hparams["epochs"]);
        Assert.Equal(500.0, hparams["train_limit"]);
        Assert.Equal(true, hparams["batch_norm"]);
        Assert.Equal("[128,64,32]", hparams["hidden"]);
        Assert.Equal("[relu,gelu,tanh]", hparams["activations"]);
        Assert.Equal("fashion-mnist", hparams["dataset"]);
        // Every field with a value, and those alone: there is no dataset path or test limit.
        Assert.Equal(Contracts.Configuration.ConfigCatalog.All.Count - 2, hparams.Count);
        Assert.DoesNotContain("dataset_path", hparams.Keys);

        var end = Assert.Single(run.HParams(HParamsPluginData.SessionEndTag));
        Assert.Equal((int)SessionStatus.Success, end.Status);
        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public void A_resumed_attempt_adds_a_file_that_goes_on_from_the_epoch_after_its_checkpoint()
    {
        // Attempt 1 is stopped after epoch 2 (paused at a rung, say); attempt 2 resumes from its checkpoint.
        var first = Execute(1, epoch => epoch.Epoch == 2 ? new EpochAnswer(true, "paused") : EpochAnswer.Continue);
        Assert.Equal(TrialOutcome.Stopped, first.Outcome);
        Assert.Empty(TensorBoardRun.Read(TrialFolder).HParams(HParamsPluginData.SessionEndTag));

        var resumed = new List<int>();
        var second = Execute(2, epoch =>
        {
            resumed.Add(epoch.Epoch);
            return EpochAnswer.Continue;
        });

        Assert.Equal(2, second.ResumedFromEpoch);
        Assert.Equal([3, 4], resumed);
        var run = TensorBoardRun.Read(TrialFolder);
        Assert.Equal(2, run.Files.Count);
        Assert.Equal([1L, 2L], run.Files[0].Events.SelectMany(e => e.Values.Where(v => v.Tag == "loss/train").Select(_ => e.Step)));
        Assert.Equal([1L, 2L, 3L, 4L], run.Scalars("loss/train").Select(s => s.Step));
        Assert.Equal(second.History.Select(e => (float)e.TrainLoss), run.Scalars("loss/train").Select(s => s.Value));
        Assert.Equal(2, run.HParams(HParamsPluginData.SessionStartTag).Count);
        Assert.Equal((int)SessionStatus.Success, Assert.Single(run.HParams(HParamsPluginData.SessionEndTag)).Status);
    }

    [Fact]
    public void A_folder_that_cannot_be_written_costs_one_warning_and_nothing_of_the_trial()
    {
        // The root is a file: no folder can be made below it.
        Directory.CreateDirectory(_temp.Path);
        File.WriteAllText(Root, "not a folder");
        var epochs = 0;

        var result = Execute(1, _ =>
        {
            epochs++;
            return EpochAnswer.Continue;
        });

        Assert.Equal(TrialOutcome.Completed, result.Outcome);
        Assert.Equal(4, epochs);
        var warning = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(Trial.Value, warning.Message);
        Assert.Contains("TensorBoard", warning.Message);
    }

    [Fact]
    public void A_diverged_trial_ends_as_a_failure_and_a_stopped_one_without_an_end()
    {
        var lease = Lease(1);
        var folder = _temp.Combine("direct");
        using (var diverged = TrialEventLog.Open(folder, lease, TimeProvider.System, _logger))
        {
            diverged.Epoch(new EpochMetrics(1, 4, double.NaN, 0.1, null, null, 0.05, 1, 100));
            diverged.End(new ExecutionResult(TrialOutcome.Diverged, "loss is NaN", null, 0, []));
        }

        var run = TensorBoardRun.Read(folder);
        var end = Assert.Single(run.HParams(HParamsPluginData.SessionEndTag));
        Assert.Equal((int)SessionStatus.Failure, end.Status);
        Assert.Equal(1, run.Events.Single(e => e.Values.Any(v => v.Tag == HParamsPluginData.SessionEndTag)).Step);
        // No validation split: no validation scalars.
        Assert.Empty(run.Scalars("accuracy/val"));

        var stoppedFolder = _temp.Combine("stopped");
        using (var stopped = TrialEventLog.Open(stoppedFolder, lease, TimeProvider.System, _logger))
        {
            stopped.End(new ExecutionResult(TrialOutcome.Stopped, "pruned", null, 0, []));
        }

        Assert.Empty(TensorBoardRun.Read(stoppedFolder).HParams(HParamsPluginData.SessionEndTag));
    }

    [Fact]
    public void Trial_folders_are_named_for_reading_and_safe_for_any_file_system()
    {
        var lease = Lease(1) with { SweepId = "a/b c", Config = Config with { Optimizer = "adam", LearningRate = 1e-4, Dropout = 0 } };
        Assert.Equal(Path.Combine("root", "a_b_c", $"{Trial.Value[..8]}-adam-lr0.0001-dropout0"), TrialEventLog.FolderFor("root", true, lease));
        Assert.Equal(Path.Combine("root", $"{Trial.Value[..8]}-adam-lr0.0001-dropout0"), TrialEventLog.FolderFor("root", false, lease));
    }

    [Fact]
    public void A_bundle_trains_through_the_inner_executor_together_and_each_member_writes_its_own_curves()
    {
        var executor = TensorBoardExecutor.Around(_fake, new WorkerOptions { TensorBoardRoot = Root }, TimeProvider.System, _logger);
        var configs = new[] { 0.05, 0.01, 0.002 }.Select(lr => Config with { LearningRate = lr }).ToList();
        var members = configs.Select(c => new BundleMember(new TrialLease(SweepId, TrialId.Of(c).Value, 1, c, null, TimeSpan.FromMinutes(1)),
            AttemptCheckpoints.For(_temp.Combine("checkpoints"), SweepId, TrialId.Of(c).Value, 1))).ToList();

        var reported = new List<(int Member, EpochMetrics Epoch)>();
        var results = executor.ExecuteBundle(members, "cpu", (i, epoch) =>
        {
            reported.Add((i, epoch));
            return EpochAnswer.Continue;
        }, CancellationToken.None);

        Assert.Equal(3, _fake.LargestBundle);
        Assert.All(results, r => Assert.Equal(TrialOutcome.Completed, r.Result!.Outcome));
        for (var i = 0; i < members.Count; i++)
        {
            var run = TensorBoardRun.Read(TrialEventLog.FolderFor(Root, true, members[i].Lease));
            Assert.Equal(reported.Where(r => r.Member == i).Select(r => ((long)r.Epoch.Epoch, (float)r.Epoch.TrainLoss)), run.Scalars("loss/train"));
            Assert.Equal(configs[i].LearningRate, Assert.Single(run.HParams(HParamsPluginData.SessionStartTag)).HParams!["learning_rate"]);
            Assert.Single(run.HParams(HParamsPluginData.SessionEndTag));
        }
    }

    [Fact]
    public void Without_a_root_the_worker_trains_through_its_executor_alone()
    {
        Assert.Same(_fake, TensorBoardExecutor.Around(_fake, new WorkerOptions(), TimeProvider.System, _logger));
        Assert.IsType<TensorBoardExecutor>(TensorBoardExecutor.Around(_fake, new WorkerOptions { TensorBoardRoot = Root }, TimeProvider.System, _logger));
    }

    private ExecutionResult Execute(int attempt, Func<EpochMetrics, EpochAnswer> onEpoch)
    {
        var executor = TensorBoardExecutor.Around(_fake, new WorkerOptions { TensorBoardRoot = Root }, TimeProvider.System, _logger);
        var checkpoints = AttemptCheckpoints.For(_temp.Combine("checkpoints"), SweepId, Trial.Value, attempt);
        return executor.Execute(Lease(attempt), "cpu", checkpoints, onEpoch, CancellationToken.None);
    }

    private static TrialLease Lease(int attempt) => new(SweepId, Trial.Value, attempt, Config, null, TimeSpan.FromMinutes(1));
}
