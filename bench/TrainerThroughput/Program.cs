using System.Globalization;
using SweepGrid.Bench.TrainerThroughput;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Runner;
using SweepGrid.Trainer.Runtime;
using static TorchSharp.torch;

// Trainer throughput against a hand-written TorchSharp loop on the same data, in the same process,
// rounds interleaved so machine noise hits both alike; then (with --accuracy) the seed's 10-epoch accuracy.
var rounds = IntArgument("--rounds", 5);
var device = StringArgument("--device", "cpu");
var runAccuracy = args.Contains("--accuracy");
const int batchSize = 128;

TorchRuntime.EnsureAvailable();
set_num_threads(1);
var torchDevice = DeviceSpec.Parse(device).Open();
var options = new DatasetOptions { Source = "fashion-mnist", ValidationSplit = 0.1 };
var data = DatasetPreparer.Prepare(DatasetResolver.Resolve("fashion-mnist").Load(), options, 42);
Console.WriteLine($"Fashion-MNIST: {data.TrainCount} training images, batch {batchSize}, 1 intra-op thread, device {device}, {rounds} rounds of one epoch each");

using var x = tensor(data.TrainFeatures, [data.TrainCount, data.FeatureCount], device: torchDevice);
using var y = tensor(data.TrainLabels, [data.TrainCount], device: torchDevice);
using var lossOnly = new HandWrittenLoop(x, y, batchSize, countCorrect: false, torchDevice);
using var lossAndAccuracy = new HandWrittenLoop(x, y, batchSize, countCorrect: true, torchDevice);

// One warm-up epoch each, not counted.
lossOnly.Epoch(0);
lossAndAccuracy.Epoch(0);
RunTrainer(1);

var trainer = new List<double>();
var handLoss = new List<double>();
var handBoth = new List<double>();
for (var round = 1; round <= rounds; round++)
{
    handLoss.Add(lossOnly.Epoch(round));
    handBoth.Add(lossAndAccuracy.Epoch(round));
    trainer.Add(RunTrainer(round));
    Console.WriteLine(FormattableString.Invariant($"round {round}: trainer {trainer[^1]:F0}  hand loop (loss+accuracy) {handBoth[^1]:F0}  hand loop (loss only) {handLoss[^1]:F0} samples/s"));
}

var medianTrainer = Median(trainer);
Console.WriteLine(FormattableString.Invariant($"median samples/s: trainer {medianTrainer:F0}, hand loop (loss+accuracy) {Median(handBoth):F0}, hand loop (loss only) {Median(handLoss):F0}"));
Console.WriteLine(FormattableString.Invariant($"trainer overhead vs hand loop (loss+accuracy): {100 * (1 - medianTrainer / Median(handBoth)):F1} %"));
Console.WriteLine(FormattableString.Invariant($"trainer overhead vs hand loop (loss only):     {100 * (1 - medianTrainer / Median(handLoss)):F1} %"));

if (runAccuracy)
{
    // Several seeds, the trainer and the hand-written loop alike, since one run's test accuracy varies by about ±0.5 %.
    var seeds = IntArgument("--seeds", 3);
    var schedule = StringArgument("--lr-schedule", "constant");
    using var testX = tensor(data.TestFeatures, [data.TestCount, data.FeatureCount], device: torchDevice);
    using var testY = tensor(data.TestLabels, [data.TestCount], device: torchDevice);
    var trainerAccuracy = new List<double>();
    var handAccuracy = new List<double>();
    for (var seed = 1; seed <= seeds; seed++)
    {
        var spec = new TrialSpec
        {
            Dataset = options,
            Epochs = 10,
            BatchSize = batchSize,
            Seed = seed,
            Device = device,
            Optimizer = new SweepGrid.Trainer.Optimizers.OptimizerConfig { Schedule = Enum.Parse<SweepGrid.Trainer.Optimizers.LrScheduleKind>(schedule, ignoreCase: true) },
        };
        var result = TrialRunner.Run(spec, data);
        trainerAccuracy.Add(result.Test!.Accuracy);

        manual_seed(seed);
        using var reference = new HandWrittenLoop(x, y, batchSize, countCorrect: true, torchDevice);
        for (var epoch = 1; epoch <= 10; epoch++)
        {
            reference.Epoch(epoch);
        }

        handAccuracy.Add(reference.Accuracy(testX, testY));
        Console.WriteLine(FormattableString.Invariant($"seed {seed}: trainer test accuracy {trainerAccuracy[^1]:F4} (macro-F1 {result.Test.MacroF1:F4}, validation {result.Validation!.Accuracy:F4}); hand-written loop {handAccuracy[^1]:F4}"));
    }

    Console.WriteLine(FormattableString.Invariant($"seed MLP, Adam 0.001 ({schedule} schedule), 10 epochs, batch {batchSize}, {seeds} seeds: trainer test accuracy mean {trainerAccuracy.Average():F4} (min {trainerAccuracy.Min():F4}, max {trainerAccuracy.Max():F4}); hand-written loop mean {handAccuracy.Average():F4} (min {handAccuracy.Min():F4}, max {handAccuracy.Max():F4})"));
}

// One trainer epoch as a 1-epoch trial (fresh model each round, as the hand loops are not; an epoch's cost does not depend on it).
double RunTrainer(int round)
{
    var spec = new TrialSpec { Dataset = options, Epochs = 1, BatchSize = batchSize, Seed = round, Device = device };
    return TrialRunner.Run(spec, data).SamplesPerSecond;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

int IntArgument(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

string StringArgument(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
