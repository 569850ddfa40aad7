using System.Diagnostics;
using SweepGrid.Bench.Bundles;
using SweepGrid.Trainer.Bundles;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runner;
using SweepGrid.Trainer.Runtime;

// The 27-trial example grid (optimizer × learning rate × dropout) trained one trial after another, then as three fused
// bundles of nine (one per optimizer), on the same data and thread; prints samples/s of each and checks the results agree.
// With --phases [--members K] [--passes N] [--threads T]: where one fused batch's time goes instead (BatchPhases).
var trainLimit = Argument("--train-limit", 10_000);
var epochs = Argument("--epochs", 1);
TorchRuntime.EnsureAvailable();
if (args.Contains("--phases"))
{
    BatchPhases.Run(Argument("--members", 9), trainLimit, Argument("--passes", 2), Argument("--threads", 1));
    return;
}

var options = new DatasetOptions { Source = "fashion-mnist", TrainLimit = trainLimit, TestLimit = 2_000 };
var data = DatasetPreparer.Prepare(DatasetResolver.Resolve(options.Source).Load(), options, 42);
var rates = new Dictionary<OptimizerKind, double[]>
{
    [OptimizerKind.Sgd] = [0.01, 0.04, 0.1],
    [OptimizerKind.Adam] = [0.0003, 0.001, 0.003],
    [OptimizerKind.RmsProp] = [0.0003, 0.001, 0.003],
};
var bundles = rates.Select(r => (from rate in r.Value
                                 from dropout in new[] { 0.0, 0.2, 0.4 }
                                 select new TrialSpec
                                 {
                                     Dataset = options,
                                     Optimizer = new OptimizerConfig { Kind = r.Key, LearningRate = rate },
                                     Model = new() { Dropout = dropout },
                                     Epochs = epochs,
                                 }).ToList()).ToList();
var samples = (double)bundles.Sum(b => b.Count) * data.TrainCount * epochs;
Console.WriteLine($"Fashion-MNIST: {data.TrainCount} training images, {epochs} epoch(s), 27 trials (3 bundles of 9), batch 128, 1 intra-op thread, cpu");

// A warm-up of each path, not counted.
TrialRunner.Run(bundles[0][0] with { Epochs = 1 }, data);
BundleRunner.Run(bundles[0].Take(2).Select(s => s with { Epochs = 1 }).ToList(), data);

var clock = Stopwatch.StartNew();
var sequential = bundles.SelectMany(b => b).Select(s => TrialRunner.Run(s, data)).ToList();
var sequentialSeconds = clock.Elapsed.TotalSeconds;
clock.Restart();
var fused = bundles.SelectMany(b => BundleRunner.Run(b, data)).ToList();
var fusedSeconds = clock.Elapsed.TotalSeconds;

var maxDifference = sequential.Zip(fused).Max(p => Math.Abs(p.First.Test!.Accuracy - p.Second.Test!.Accuracy));
Console.WriteLine(FormattableString.Invariant($"sequential: {sequentialSeconds:F1} s, {samples / sequentialSeconds:F0} samples/s"));
Console.WriteLine(FormattableString.Invariant($"fused:      {fusedSeconds:F1} s, {samples / fusedSeconds:F0} samples/s"));
Console.WriteLine(FormattableString.Invariant($"fused / sequential samples/s: {sequentialSeconds / fusedSeconds:F2}x; largest test accuracy difference {maxDifference}"));

int Argument(string name, int fallback) => BatchPhases.Argument(args, name, fallback);
