using System.Text.Json;
using SweepGrid.TestData;

namespace SweepGrid.Cli.Tests;

public sealed class TrainCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Dataset() => SyntheticImages.WriteIdxFolder(_temp.Combine("digits"), trainCount: 400, testCount: 100);

    [Fact]
    public async Task Train_json_prints_the_metrics_a_script_reads()
    {
        var run = await SweepGridProcess.RunAsync(["train", "--dataset", Dataset(), "--epochs", "3", "--batch-size", "32", "--lr", "0.003", "--json"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal("completed", root.GetProperty("outcome").GetString());
        Assert.InRange(root.GetProperty("val_accuracy").GetDouble(), 0.8, 1.0);
        Assert.InRange(root.GetProperty("test_accuracy").GetDouble(), 0.8, 1.0);
        Assert.InRange(root.GetProperty("test_macro_f1").GetDouble(), 0.8, 1.0);
        Assert.True(root.GetProperty("samples_per_second").GetDouble() > 0);
        var matrix = root.GetProperty("confusion_matrix").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt64()).ToList()).ToList();
        Assert.Equal(10, matrix.Count);
        Assert.All(matrix, row => Assert.Equal(10, row.Count));
        Assert.Equal(100, matrix.Sum(r => r.Sum()));
        Assert.Equal(3, root.GetProperty("history").GetArrayLength());
        Assert.Equal(10, root.GetProperty("classification_report").GetProperty("classes").GetArrayLength());
        Assert.Contains("epoch   3/3", run.Stderr);
    }

    [Fact]
    public async Task The_configuration_options_come_from_the_catalog_and_reach_the_trial()
    {
        var run = await SweepGridProcess.RunAsync(["train", "--dataset", Dataset(), "--epochs", "1", "--batch-size", "32", "--learning-rate", "0.002",
            "--beta1", "0.8", "--beta2", "0.99", "--eps", "1e-6", "--label-smoothing", "0.1", "--no-batch-norm", "--json"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var config = json.RootElement.GetProperty("config");
        Assert.Equal(0.002, config.GetProperty("learning_rate").GetDouble());
        Assert.Equal((0.8, 0.99, 1e-6, 0.1), (config.GetProperty("beta1").GetDouble(), config.GetProperty("beta2").GetDouble(),
            config.GetProperty("eps").GetDouble(), config.GetProperty("label_smoothing").GetDouble()));
        Assert.False(config.GetProperty("batch_norm").GetBoolean());

        var help = await SweepGridProcess.RunAsync(["train", "--help"]);
        foreach (var option in new[] { "--beta1", "--beta2", "--eps", "--label-smoothing", "--lr", "--learning-rate", "--regularize-every-layer", "--min-learning-rate" })
        {
            Assert.Contains(option, help.Stdout);
        }
    }

    [Fact]
    public async Task Train_text_shows_epochs_the_classification_report_and_the_confusion_matrix()
    {
        var run = await SweepGridProcess.RunAsync(["train", "--dataset", Dataset(), "--epochs", "1", "--optimizer", "sgd"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("sgd lr 0.04", run.Stdout);
        Assert.Contains("epoch   1/1", run.Stdout);
        Assert.Contains("macro avg", run.Stdout);
        Assert.Contains("confusion matrix", run.Stdout);
    }

    [Fact]
    public async Task Fashion_mnist_subset_trains_to_a_useful_accuracy()
    {
        var run = await SweepGridProcess.RunAsync(["train", "--dataset", "fashion-mnist", "--train-limit", "6000", "--test-limit", "2000", "--epochs", "2", "--json"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.InRange(json.RootElement.GetProperty("test_accuracy").GetDouble(), 0.72, 1.0);
        Assert.Equal("Ankle boot", json.RootElement.GetProperty("class_names")[9].GetString());
    }

    [Theory]
    [InlineData("--optimizer", "adagrad", "sgd, adam, rmsprop")]
    [InlineData("--lr", "-0.1", "above 0")]
    [InlineData("--lr", "0", "above 0")]
    [InlineData("--dropout", "1.5", "below 1")]
    [InlineData("--epochs", "0", "1 or more")]
    [InlineData("--epochs", "ten", "ten")]
    [InlineData("--device", "tpu", "cpu, cuda or cuda:N")]
    [InlineData("--device", "cuda", "CUDA is not available")]
    [InlineData("--activations", "relu,softsign,tanh", "gelu")]
    [InlineData("--hidden", "128,x", "positive layer sizes")]
    [InlineData("--dataset", "/no/such/folder", "fashion-mnist, cifar10")]
    [InlineData("--validation-split", "1", "below 1")]
    [InlineData("--lr-schedule", "exponential", "constant, step, cosine")]
    [InlineData("--beta1", "1", "below 1")]
    [InlineData("--eps", "0", "above 0")]
    [InlineData("--label-smoothing", "-0.2", "below 1")]
    [InlineData("--nesterov", "true", "nesterov needs optimizer sgd with momentum above 0")]
    [InlineData("--min-learning-rate", "0.5", "min_learning_rate exceeds learning_rate")]
    [InlineData("--hidden", "100000", "at most 16,384")]
    public async Task Bad_arguments_exit_with_2_and_one_clear_line(string option, string value, string hint)
    {
        var arguments = new Dictionary<string, string> { ["--dataset"] = Dataset(), ["--epochs"] = "1", [option] = value };
        var run = await SweepGridProcess.RunAsync(["train", .. arguments.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(hint, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal("", run.Stdout.Trim());
    }

    [Fact]
    public async Task Corrupt_dataset_file_exits_with_2_naming_the_file_and_offset()
    {
        var folder = Dataset();
        var labels = Path.Combine(folder, "t10k-labels-idx1-ubyte.gz");
        File.Delete(labels);
        File.WriteAllBytes(Path.Combine(folder, "t10k-labels-idx1-ubyte"), SyntheticImages.IdxLabels([1, 2, 250]));

        var run = await SweepGridProcess.RunAsync(["train", "--dataset", folder, "--epochs", "1"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("t10k-labels-idx1-ubyte at byte 10", run.Stderr);
        Assert.Contains("label 250", run.Stderr);
    }

    [Fact]
    public async Task Test_images_of_another_size_than_the_training_images_exit_with_2_before_training()
    {
        var folder = SyntheticImages.WriteIdxFolder(_temp.Combine("mixed"), trainCount: 60, testCount: 20, side: 28, testSide: 32);

        var run = await SweepGridProcess.RunAsync(["train", "--dataset", folder, "--epochs", "1", "--json"]);

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Contains("t10k-images-idx3-ubyte.gz at byte 8: holds 32x32 images but train-images-idx3-ubyte.gz holds 28x28", run.Stderr);
        Assert.DoesNotContain("epoch", run.Stderr);
        Assert.Equal("", run.Stdout.Trim());
    }

    [Fact]
    public async Task A_bad_libtorch_folder_fails_with_a_readable_paragraph()
    {
        var run = await SweepGridProcess.RunAsync(["train", "--dataset", Dataset(), "--epochs", "1"],
            new Dictionary<string, string> { ["SWEEPGRID_LIBTORCH"] = _temp.Combine("no-libtorch-here") });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SWEEPGRID_LIBTORCH", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Checkpoint_folder_lets_a_second_run_resume_instead_of_starting_over()
    {
        var folder = Dataset();
        var checkpoints = _temp.Combine("ckpt");
        string[] command = ["train", "--dataset", folder, "--batch-size", "32", "--epochs", "2", "--checkpoint", checkpoints, "--json"];

        var first = await SweepGridProcess.RunAsync(command);
        var again = await SweepGridProcess.RunAsync(command);
        var otherConfig = await SweepGridProcess.RunAsync([.. command, "--seed", "5"]);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.True(again.ExitCode == 0, again.Stderr);
        using var firstJson = JsonDocument.Parse(first.Stdout);
        using var againJson = JsonDocument.Parse(again.Stdout);
        Assert.Equal(0, firstJson.RootElement.GetProperty("resumed_from_epoch").GetInt32());
        Assert.Equal(2, againJson.RootElement.GetProperty("resumed_from_epoch").GetInt32());
        Assert.DoesNotContain("epoch ", again.Stderr.Replace("training ", ""));
        Assert.Equal(firstJson.RootElement.GetProperty("test_loss").GetDouble(), againJson.RootElement.GetProperty("test_loss").GetDouble());
        Assert.Equal(2, otherConfig.ExitCode);
        Assert.Contains("another configuration", otherConfig.Stderr);
    }

    public void Dispose() => _temp.Dispose();
}
