using System.Text.Json;
using SweepGrid.Client.Results;
using SweepGrid.Contracts.Trials;
using SweepGrid.Silo.Workers;
using SweepGrid.TestData;
using SweepGrid.Trainer.Checkpoints;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runner;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepGrid.Client.Tests.Results;

public sealed class BestExportTests : IDisposable
{
    private readonly TempFolder _temp = new("sweepgrid-export");

    [Fact]
    public void Exports_weights_that_load_into_the_model_and_score_as_the_trial_did()
    {
        var dataset = SyntheticImages.WriteIdxFolder(_temp.Combine("digits"), trainCount: 400, testCount: 100);
        var config = SampleSweep.Config("adam", 0.003, 0.2, dataset) with { Epochs = 2, BatchSize = 32 };
        var (data, result, checkpoints) = Train(config);
        var best = Completed(config, result, CheckpointFile.PathIn(checkpoints));

        var written = BestExport.Write(_temp.Combine("export"), best, SampleSweep.Spec);

        Assert.Equal(["config.json", "metrics.json", "report.txt", "spec.yaml", "weights.bin"], written.Written.Order());
        Assert.Empty(written.Skipped);
        using var scope = NewDisposeScope();
        using var init = new Generator(123, CPU);
        using var dropout = new Generator(0, CPU);
        using var model = new MlpClassifier(TrialSpecMapper.ModelOf(config), data.FeatureCount, data.ClassNames.Count, init, dropout);
        var untrained = Test(model, data);
        model.load(written.PathOf("weights.bin"));
        var loaded = Test(model, data);
        Assert.Equal(result.Test!.Loss, loaded.Loss, 5);
        Assert.Equal(result.Test.ConfusionMatrix.Counts, loaded.ConfusionMatrix.Counts);
        Assert.NotEqual(untrained.Loss, loaded.Loss, 3);
        Assert.Empty(Directory.EnumerateFiles(written.Directory, ".*"));
    }

    [Fact]
    public void Without_the_checkpoint_on_this_machine_the_rest_is_exported_and_the_skip_names_the_path_and_silo()
    {
        var config = SampleSweep.Config("sgd", 0.04, 0.5);
        var best = SampleSweep.CompletedTrial(config, 0.84, "/srv/sweepgrid/checkpoints/abc/checkpoint.bin", silo: "gpu-node-7");

        var written = BestExport.Write(_temp.Combine("export"), best);

        Assert.Equal(["config.json", "metrics.json", "report.txt"], written.Written.Order());
        var weights = Assert.Single(written.Skipped, s => s.Name == "weights.bin");
        Assert.Contains("/srv/sweepgrid/checkpoints/abc/checkpoint.bin", weights.Reason, StringComparison.Ordinal);
        Assert.Contains("gpu-node-7", weights.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(written.PathOf("weights.bin")));

        Assert.Equal(config, JsonSerializer.Deserialize<TrialConfig>(File.ReadAllText(written.PathOf("config.json")), ResultsJson.Options));
        var metrics = JsonDocument.Parse(File.ReadAllText(written.PathOf("metrics.json"))).RootElement;
        Assert.Equal(0.84, metrics.GetProperty("metrics").GetProperty("val_accuracy").GetDouble());
        Assert.Equal(5, metrics.GetProperty("history").GetArrayLength());
        Assert.Contains("classification report (test):", File.ReadAllText(written.PathOf("report.txt")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("another configuration")]
    [InlineData("an earlier epoch")]
    public void Weights_are_not_exported_from_a_checkpoint_that_is_not_the_trials_own_at_its_last_epoch(string checkpointOf)
    {
        var dataset = SyntheticImages.WriteIdxFolder(_temp.Combine("digits"), trainCount: 400, testCount: 100);
        var config = SampleSweep.Config("adam", 0.003, 0.2, dataset) with { Epochs = 2, BatchSize = 32 };
        var (_, result, checkpoints) = Train(config, stopAfter: checkpointOf == "an earlier epoch" ? 1 : null);
        // The trial's record points at the file; what is in it now is another trial's (a reused path), or an epoch a
        // superseded attempt wrote there after the result was recorded.
        var trial = checkpointOf == "another configuration" ? config with { LearningRate = 0.01 } : config;
        var history = Enumerable.Range(1, 2).Select(e => TrialSpecMapper.ToMetrics(result.History[0] with { Epoch = e })).ToList();
        var best = SampleSweep.CompletedTrial(trial, 0.9, CheckpointFile.PathIn(checkpoints)) with { History = history };

        var written = BestExport.Write(_temp.Combine("export"), best);

        Assert.DoesNotContain("weights.bin", written.Written);
        var reason = Assert.Single(written.Skipped, s => s.Name == "weights.bin").Reason;
        Assert.Contains(CheckpointFile.PathIn(checkpoints), reason, StringComparison.Ordinal);
        Assert.Contains(checkpointOf == "another configuration" ? "belongs to another configuration" : "holds epoch 1, not the trial's last epoch 2", reason, StringComparison.Ordinal);
        Assert.False(File.Exists(written.PathOf("weights.bin")));
    }

    [Fact]
    public void A_trial_without_a_checkpoint_says_so()
    {
        var best = SampleSweep.CompletedTrial(SampleSweep.Config("adam", 0.001, 0.2), 0.88);

        var written = BestExport.Write(_temp.Combine("export"), best);

        Assert.Contains("recorded no checkpoint", Assert.Single(written.Skipped, s => s.Name == "weights.bin").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_export_folder_under_a_file_raises_a_path_error_and_leaves_nothing()
    {
        var file = _temp.Combine("model.bin");
        File.WriteAllText(file, "weights of something else");
        var target = Path.Combine(file, "export", "best");
        var best = SampleSweep.CompletedTrial(SampleSweep.Config("adam", 0.001, 0.2), 0.88);

        var error = Assert.Throws<ResultsPathException>(() => BestExport.Write(target, best, SampleSweep.Spec));

        Assert.Equal(target, error.PathName);
        Assert.Contains(file, error.Problem, StringComparison.Ordinal);
        Assert.Equal([file], Directory.EnumerateFileSystemEntries(_temp.Path));
        Assert.Equal("weights of something else", File.ReadAllText(file));
    }

    [Fact]
    public void A_blocked_file_name_fails_the_export_before_any_file_lands()
    {
        var target = _temp.Combine("export");
        Directory.CreateDirectory(Path.Combine(target, "spec.yaml"));
        var best = SampleSweep.CompletedTrial(SampleSweep.Config("adam", 0.001, 0.2), 0.88);

        var error = Assert.Throws<ResultsPathException>(() => BestExport.Write(target, best, SampleSweep.Spec));

        Assert.Equal(Path.Combine(target, "spec.yaml"), error.PathName);
        Assert.Equal([Path.Combine(target, "spec.yaml")], Directory.EnumerateFileSystemEntries(target));
    }

    private (PreparedSplits Data, TrialResult Result, string Checkpoints) Train(TrialConfig config, int? stopAfter = null)
    {
        var checkpoints = _temp.Combine("checkpoints");
        var spec = TrialSpecMapper.ToSpec(config, "cpu", 1, checkpoints);
        var data = DatasetPreparer.Prepare(DatasetResolver.Resolve(spec.Dataset.Source).Load(), spec.Dataset, spec.SplitSeed);
        var result = TrialRunner.Run(spec, data, r => r.Epoch == stopAfter ? EpochDirective.StopWith("lease lost") : EpochDirective.Continue);
        Assert.Equal(stopAfter is null ? TrialOutcome.Completed : TrialOutcome.Stopped, result.Outcome);
        return (data, result, checkpoints);
    }

    private static TrialSnapshot Completed(TrialConfig config, TrialResult result, string checkpoint) =>
        SampleSweep.CompletedTrial(config, result.Validation!.Accuracy, checkpoint) with { History = result.History.Select(TrialSpecMapper.ToMetrics).ToList() };

    public void Dispose() => _temp.Dispose();

    private static SweepGrid.Trainer.Metrics.Evaluation Test(MlpClassifier model, PreparedSplits data)
    {
        using var x = tensor(data.TestFeatures, [data.TestCount, data.FeatureCount]);
        using var y = tensor(data.TestLabels, [data.TestCount]);
        return TrialRunner.Evaluate(model, x, y, data.ClassNames);
    }
}
