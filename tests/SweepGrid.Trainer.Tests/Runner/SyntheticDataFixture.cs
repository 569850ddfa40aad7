using SweepGrid.TestData;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Tests.Runner;

/// <summary>A small learnable IDX dataset written to disk once and prepared for every runner test.</summary>
public sealed class SyntheticDataFixture : IDisposable
{
    private readonly TempFolder _temp = new("sweepgrid-runner");

    public SyntheticDataFixture()
    {
        Folder = SyntheticImages.WriteIdxFolder(_temp.Combine("digits"), trainCount: 600, testCount: 200);
        Data = DatasetPreparer.Prepare(DatasetResolver.Resolve(Folder).Load(), new DatasetOptions { Source = Folder }, splitSeed: 42);
    }

    public string Folder { get; }

    public PreparedSplits Data { get; }

    public TrialSpec Spec(string? checkpoints = null) => new()
    {
        Dataset = new DatasetOptions { Source = Folder },
        Model = new ModelConfig { Hidden = [64, 32], Activations = [Activation.Relu, Activation.Tanh], Dropout = 0.2 },
        Optimizer = new OptimizerConfig { Kind = OptimizerKind.Adam, LearningRate = 0.003 },
        Epochs = 4,
        BatchSize = 32,
        Seed = 7,
        CheckpointDirectory = checkpoints,
    };

    public void Dispose() => _temp.Dispose();
}
