using SweepGrid.Trainer.Checkpoints;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runner;
using SweepGrid.Trainer.Runtime;
using TorchSharp;
using static TorchSharp.torch;

// Walks through what a SweepGrid trial does on cuda, one step per line, so a native crash shows which step it was.
// Packed with ../shared/gpu/pack.sh bench/Gpu/CudaProbe/CudaProbe.csproj and run on a GPU machine with PyTorch.
var step = 0;
void Step(string what, Action action)
{
    Console.Out.WriteLine($"step {++step}: {what}");
    Console.Out.Flush();
    action();
    Console.Out.WriteLine($"step {step}: ok");
    Console.Out.Flush();
}

// TorchSharp 0.107 against PyTorch 2.11's libtorch crashes creating a generator on cuda (this is why the trainer draws
// dropout masks on the CPU there); "cuda-probe generator" shows it.
var withCudaGenerator = args.Contains("generator");
Device cuda = CPU;
Step("load libtorch", () => TorchRuntime.EnsureAvailable());
Step("open cuda:0", () => cuda = DeviceSpec.Parse("cuda:0").Open());
Step("tensor on cuda", () => Console.WriteLine(zeros(3, device: cuda).add(1).sum().item<float>()));
Step("randperm on cuda", () => Console.WriteLine(randperm(5, device: cuda).sum().item<long>()));
Step("cpu generator", () => new Generator(1, CPU).Dispose());
if (withCudaGenerator)
{
    Step("cuda generator", () =>
    {
        using var g = new Generator(1, cuda);
        Console.WriteLine(rand([3], device: cuda, generator: g).sum().item<float>());
    });
}

Step("model to cuda, forward, adam step", () =>
{
    using var init = new Generator(1, CPU);
    using var dropout = new Generator(2, CPU);
    using var model = new MlpClassifier(new ModelConfig { Dropout = 0 }, 784, 10, init, dropout);
    model.to(cuda);
    using var optimizer = OptimizerFactory.Create(new OptimizerConfig { Kind = OptimizerKind.Adam, LearningRate = 0.001 }, model.parameters());
    var loss = nn.functional.cross_entropy(model.forward(rand([8, 784], device: cuda)), zeros([8], ScalarType.Int64, cuda));
    loss.backward();
    optimizer.step();
    Console.WriteLine(loss.item<float>());
});
Step("full trial on a Fashion-MNIST subset, checkpoints on", () =>
{
    var checkpoints = Path.Combine(Path.GetTempPath(), "cuda-probe-checkpoint");
    if (Directory.Exists(checkpoints))
    {
        Directory.Delete(checkpoints, recursive: true);
    }

    var result = TrialRunner.Run(new TrialSpec
    {
        Dataset = new DatasetOptions { Source = "fashion-mnist", TrainLimit = 3000, TestLimit = 500 },
        Epochs = 2,
        Device = "cuda:0",
        CheckpointDirectory = checkpoints,
    }, onEpoch: null, CancellationToken.None);
    Console.WriteLine($"{result.Outcome} test accuracy {result.Test?.Accuracy:F4} {result.SamplesPerSecond:F0} samples/s; checkpoint {new FileInfo(CheckpointFile.PathIn(checkpoints)).Length} bytes");
});
