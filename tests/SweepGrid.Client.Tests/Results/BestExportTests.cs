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
        var data = DatasetPreparer.Prepare(DatasetResolver.Resolve(dataset).Load(), new DatasetOptions { Source = dataset }, splitSeed: 42);
        var checkpoints = _temp.Combine("checkpoints");
        var spec = new TrialSpec
        {
            Dataset = new DatasetOptions { Source = dataset },
            Model = TrialSpecMapper.ModelOf(config),
            Optimizer = new OptimizerConfig { Kind = OptimizerKind.Adam, LearningRate = config.LearningRate },
            Epochs = config.Epochs,
            BatchSize = config.BatchSize,
            CheckpointDirectory = checkpoints,
        };
        var result = TrialRunner.Run(spec, data);
        Assert.Equal(TrialOutcome.Completed, result.Outcome);
        var best = SampleSweep.CompletedTrial(config, result.Validation!.Accuracy, CheckpointFile.PathIn(checkpoints));

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

    public void Dispose() => _temp.Dispose();

    private static SweepGrid.Trainer.Metrics.Evaluation Test(MlpClassifier model, PreparedSplits data)
    {
        using var x = tensor(data.TestFeatures, [data.TestCount, data.FeatureCount]);
        using var y = tensor(data.TestLabels, [data.TestCount]);
        return TrialRunner.Evaluate(model, x, y, data.ClassNames);
    }
}
