using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
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
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace SweepGrid.Client.Tests.Results;

public sealed class BestExportTests(ITestOutputHelper output) : IDisposable
{
    // Debian's python3-torch; the python3 first on PATH may be another without torch.
    private const string Python = "/usr/bin/python3";

    private readonly TempFolder _temp = new("sweepgrid-export");

    [Fact]
    public void Exports_weights_that_load_into_the_model_and_score_as_the_trial_did()
    {
        var dataset = SyntheticImages.WriteIdxFolder(_temp.Combine("digits"), trainCount: 400, testCount: 100);
        var config = SampleSweep.Config("adam", 0.003, 0.2, dataset) with { Epochs = 2, BatchSize = 32 };
        var (data, result, checkpoints) = Train(config);
        var best = Completed(config, result, CheckpointFile.PathIn(checkpoints));

        var written = BestExport.Write(_temp.Combine("export"), best, SampleSweep.Spec);

        Assert.Equal(["config.json", "metrics.json", "model.py", "model.safetensors", "report.txt", "spec.yaml", "state_dict.pt", "weights.bin"], written.Written.Order());
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PyTorch_running_model_py_with_state_dict_pt_gives_the_trained_models_logits(bool regularizeEveryLayer)
    {
        RequireTorchInPython();
        var dataset = SyntheticImages.WriteIdxFolder(_temp.Combine("digits"), trainCount: 400, testCount: 100);
        var config = SampleSweep.Config("adam", 0.003, 0.2, dataset) with
        {
            Epochs = 2,
            BatchSize = 32,
            Hidden = [64, 32, 16],
            Activations = ["relu", "gelu", "leaky_relu"],
            RegularizeEveryLayer = regularizeEveryLayer,
        };
        var (data, result, checkpoints) = Train(config);
        var written = BestExport.Write(_temp.Combine("export"), Completed(config, result, CheckpointFile.PathIn(checkpoints)));
        var expected = Logits(written, config, data);

        var images = _temp.Combine("test-images.f32");
        File.WriteAllBytes(images, MemoryMarshal.AsBytes(data.TestFeatures.AsSpan()).ToArray());
        var logits = _temp.Combine("logits.f32");
        RunPython($"""
            import sys, torch
            sys.path.insert(0, sys.argv[1])
            import model
            net = model.load(sys.argv[1])
            x = torch.frombuffer(bytearray(open(sys.argv[2], "rb").read()), dtype=torch.float32).reshape({data.TestCount}, {data.FeatureCount})
            with torch.no_grad():
                open(sys.argv[3], "wb").write(net(x).numpy().astype("<f4").tobytes())
            """, written.Directory, images, logits);

        var actual = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(logits)).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        var difference = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        output.WriteLine($"max |logit difference| over {data.TestCount} images × {data.ClassNames.Count} classes: {difference:E2}");
        Assert.True(difference <= 1e-5, $"PyTorch's logits differ from SweepGrid's by up to {difference}");
        Assert.NotEqual(0, expected.Max(Math.Abs));
    }

    [Fact]
    public void The_safetensors_file_holds_the_state_dict_under_the_torch_Sequential_names()
    {
        var dataset = SyntheticImages.WriteIdxFolder(_temp.Combine("digits"), trainCount: 400, testCount: 100);
        var config = SampleSweep.Config("adam", 0.003, 0.2, dataset) with { Epochs = 2, BatchSize = 32 };
        var (data, result, checkpoints) = Train(config);
        var written = BestExport.Write(_temp.Combine("export"), Completed(config, result, CheckpointFile.PathIn(checkpoints)));

        var file = File.ReadAllBytes(written.PathOf("model.safetensors"));
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        var header = JsonDocument.Parse(file.AsMemory(8, headerLength)).RootElement;
        var body = file.AsSpan(8 + headerLength);
        var tensors = header.EnumerateObject().Where(p => p.Name != "__metadata__").ToDictionary(p => p.Name, p => p.Value);

        using var scope = NewDisposeScope();
        using var model = Trained(written, config, data);
        var names = SequentialNames.Of(TrialSpecMapper.ModelOf(config));
        Assert.Equal(["0.bias", "0.weight", "2.bias", "2.num_batches_tracked", "2.running_mean", "2.running_var", "2.weight", "4.bias", "4.weight", "6.bias", "6.weight"], tensors.Keys.Order());
        Assert.Equal(model.state_dict().Keys.Select(k => names[k]).Order(), tensors.Keys.Order());
        foreach (var (name, tensor) in model.state_dict())
        {
            var entry = tensors[names[name]];
            Assert.Equal(tensor.dtype == ScalarType.Int64 ? "I64" : "F32", entry.GetProperty("dtype").GetString());
            Assert.Equal(tensor.shape, entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
            var offsets = entry.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt32()).ToArray();
            Assert.Equal(tensor.contiguous().bytes.ToArray(), body[offsets[0]..offsets[1]].ToArray());
        }
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

    private static MlpClassifier Trained(ResultsFiles written, TrialConfig config, PreparedSplits data)
    {
        using var init = new Generator(123, CPU);
        using var dropout = new Generator(0, CPU);
        var model = new MlpClassifier(TrialSpecMapper.ModelOf(config), data.FeatureCount, data.ClassNames.Count, init, dropout);
        model.load(written.PathOf("weights.bin"));
        model.eval();
        return model;
    }

    private static float[] Logits(ResultsFiles written, TrialConfig config, PreparedSplits data)
    {
        using var scope = NewDisposeScope();
        using var model = Trained(written, config, data);
        using var _ = no_grad();
        using var x = tensor(data.TestFeatures, [data.TestCount, data.FeatureCount]);
        return model.forward(x).data<float>().ToArray();
    }

    private static void RequireTorchInPython()
    {
        var (code, text) = Start(Python, "-c", "import torch");
        Assert.True(code == 0, $"{Python} cannot import torch (needed to check the exported weights in PyTorch): apt-get install python3-torch. {text}");
    }

    private static void RunPython(string script, params string[] arguments)
    {
        var (code, text) = Start(Python, ["-c", script, .. arguments]);
        Assert.True(code == 0, $"python exited with {code}: {text}");
    }

    private static (int Code, string Output) Start(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            return (-1, e.Message);
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, text + errors.Result);
        }
    }

    private static SweepGrid.Trainer.Metrics.Evaluation Test(MlpClassifier model, PreparedSplits data)
    {
        using var x = tensor(data.TestFeatures, [data.TestCount, data.FeatureCount]);
        using var y = tensor(data.TestLabels, [data.TestCount]);
        return TrialRunner.Evaluate(model, x, y, data.ClassNames);
    }
}
