using System.CommandLine;
using System.Globalization;
using SweepGrid.Client.Output;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runner;
using SweepGrid.Trainer.Runtime;

namespace SweepGrid.Client.Commands;

/// <summary>`sweepgrid train`: one trial in this process, no cluster.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "fashion-mnist, cifar10, or a folder of IDX files or CIFAR-10 batches.", DefaultValueFactory = _ => "fashion-mnist" };
        var optimizer = new Option<string>("--optimizer") { Description = "sgd, adam or rmsprop.", DefaultValueFactory = _ => "adam" };
        var lr = new Option<double?>("--lr") { Description = "Learning rate (default: sgd 0.04, adam 0.001, rmsprop 0.001)." };
        var dropout = new Option<double>("--dropout") { Description = "Dropout rate after the first hidden layer, in [0, 1).", DefaultValueFactory = _ => 0.2 };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => 10 };
        var batchSize = new Option<int>("--batch-size") { Description = "Mini-batch size.", DefaultValueFactory = _ => 128 };
        var seed = new Option<long>("--seed") { Description = "Seeds weights, dropout and batch order.", DefaultValueFactory = _ => 42 };
        var splitSeed = new Option<long>("--split-seed") { Description = "Seeds the train/validation split.", DefaultValueFactory = _ => 42 };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads.", DefaultValueFactory = _ => 1 };
        var validationSplit = new Option<double>("--validation-split") { Description = "Share of the training set held out for validation.", DefaultValueFactory = _ => 0.1 };
        var normalization = new Option<string>("--normalization") { Description = "minus-one-to-one (pixels in [-1, 1]) or standardize (per channel).", DefaultValueFactory = _ => "minus-one-to-one" };
        var hidden = new Option<string>("--hidden") { Description = "Hidden layer sizes, comma-separated.", DefaultValueFactory = _ => "128,64,32" };
        var activations = new Option<string>("--activations") { Description = $"One activation per hidden layer, or one for all: {string.Join(", ", ActivationNames.Allowed)}.", DefaultValueFactory = _ => "relu,gelu,tanh" };
        var noBatchNorm = new Option<bool>("--no-batch-norm") { Description = "Leave out BatchNorm after the first hidden layer." };
        var momentum = new Option<double>("--momentum") { Description = "Momentum for sgd and rmsprop.", DefaultValueFactory = _ => 0.0 };
        var nesterov = new Option<bool>("--nesterov") { Description = "Nesterov momentum (sgd with --momentum)." };
        var weightDecay = new Option<double>("--weight-decay") { Description = "L2 weight decay.", DefaultValueFactory = _ => 0.0 };
        var schedule = new Option<string>("--lr-schedule") { Description = "constant, step or cosine.", DefaultValueFactory = _ => "constant" };
        var stepSize = new Option<int>("--lr-step-size") { Description = "Epochs between steps of the step schedule.", DefaultValueFactory = _ => 10 };
        var gamma = new Option<double>("--lr-gamma") { Description = "Factor of the step schedule.", DefaultValueFactory = _ => 0.1 };
        var trainLimit = new Option<int?>("--train-limit") { Description = "Use only the first N training images." };
        var testLimit = new Option<int?>("--test-limit") { Description = "Use only the first N test images." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Folder for the per-epoch checkpoint; a run with the same settings resumes from it." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the results (progress goes to stderr)." };

        var command = new Command("train", "Train one configuration in this process and print its metrics.")
        {
            dataset, optimizer, lr, dropout, epochs, batchSize, seed, splitSeed, device, threads, validationSplit, normalization,
            hidden, activations, noBatchNorm, momentum, nesterov, weightDecay, schedule, stepSize, gamma, trainLimit, testLimit,
            checkpoint, json,
        };

        command.SetAction(result =>
        {
            var kind = OptimizerConfig.ParseKind(result.GetValue(optimizer)!);
            var spec = new TrialSpec
            {
                Dataset = new DatasetOptions
                {
                    Source = result.GetValue(dataset)!,
                    ValidationSplit = result.GetValue(validationSplit),
                    Normalization = ParseNormalization(result.GetValue(normalization)!),
                    TrainLimit = result.GetValue(trainLimit),
                    TestLimit = result.GetValue(testLimit),
                },
                Model = new ModelConfig
                {
                    Hidden = ParseSizes(result.GetValue(hidden)!),
                    Activations = result.GetValue(activations)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                        .Select(a => ActivationNames.Parse(a, "--activations")).ToList(),
                    BatchNorm = !result.GetValue(noBatchNorm),
                    Dropout = result.GetValue(dropout),
                },
                Optimizer = new OptimizerConfig
                {
                    Kind = kind,
                    LearningRate = result.GetValue(lr) ?? OptimizerConfig.DefaultLearningRate(kind),
                    Momentum = result.GetValue(momentum),
                    Nesterov = result.GetValue(nesterov),
                    WeightDecay = result.GetValue(weightDecay),
                    Schedule = OptimizerConfig.ParseSchedule(result.GetValue(schedule)!),
                    StepSize = result.GetValue(stepSize),
                    Gamma = result.GetValue(gamma),
                },
                Epochs = result.GetValue(epochs),
                BatchSize = result.GetValue(batchSize),
                Seed = result.GetValue(seed),
                SplitSeed = result.GetValue(splitSeed),
                Device = result.GetValue(device)!,
                Threads = result.GetValue(threads),
                CheckpointDirectory = result.GetValue(checkpoint),
            };
            return Run(spec, result.GetValue(json));
        });
        return command;
    }

    private static int Run(TrialSpec spec, bool json)
    {
        spec.Validate();
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };

        // Everything that can be wrong with the input is checked before the first line of output.
        TorchRuntime.EnsureAvailable();
        DeviceSpec.Parse(spec.Device).Open();
        var data = DatasetPreparer.Prepare(DatasetResolver.Resolve(spec.Dataset.Source).Load(), spec.Dataset, spec.SplitSeed);

        var progress = json ? Console.Error : Console.Out;
        progress.WriteLine($"training {Describe(spec)}");
        var result = TrialRunner.Run(spec, data, report =>
        {
            progress.WriteLine(TrainReport.EpochLine(report));
            return EpochDirective.Continue;
        }, interrupt.Token);

        if (json)
        {
            Console.Out.WriteLine(TrainReport.ToJson(spec, result));
        }
        else
        {
            Console.Out.Write(TrainReport.ToText(result));
        }

        return result.Outcome switch
        {
            TrialOutcome.Completed => ExitCodes.Ok,
            TrialOutcome.Interrupted => ExitCodes.Interrupted,
            _ => ExitCodes.Failure,
        };
    }

    private static string Describe(TrialSpec spec) => FormattableString.Invariant(
        $"{spec.Dataset.Source}: {OptimizerConfig.Name(spec.Optimizer.Kind)} lr {spec.Optimizer.LearningRate} dropout {spec.Model.Dropout}, {spec.Epochs} epochs, batch {spec.BatchSize}, seed {spec.Seed}, {spec.Device} ×{spec.Threads} thread{(spec.Threads == 1 ? "" : "s")}");

    private static Normalization ParseNormalization(string text) => text.Trim().ToLowerInvariant() switch
    {
        "minus-one-to-one" or "minus_one_to_one" or "[-1,1]" => Normalization.MinusOneToOne,
        "standardize" or "standardise" => Normalization.Standardize,
        _ => throw new TrainingConfigException("--normalization", text, "use minus-one-to-one or standardize"),
    };

    private static List<int> ParseSizes(string text)
    {
        var sizes = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
            {
                throw new TrainingConfigException("--hidden", text, "give positive layer sizes separated by commas, e.g. 128,64,32");
            }

            sizes.Add(size);
        }

        return sizes;
    }
}
