using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Tests.Bundles;

/// <summary>The first 2000 training and 500 test images of Fashion-MNIST, prepared once for every bundle test.</summary>
public sealed class FashionSliceFixture
{
    public static readonly DatasetOptions Options = new() { Source = "fashion-mnist", TrainLimit = 2000, TestLimit = 500 };

    public PreparedSplits Data { get; } = DatasetPreparer.Prepare(DatasetResolver.Resolve(Options.Source).Load(), Options, splitSeed: 42);

    /// <summary>A small trial of the shape every bundle test fuses: batch norm and dropout after every hidden layer, and a
    /// last batch of 8 (1800 training images in batches of 128).</summary>
    public static TrialSpec Spec(OptimizerConfig optimizer, long seed = 7, double dropout = 0.2) => new()
    {
        Dataset = Options,
        Model = new ModelConfig
        {
            Hidden = [64, 32],
            Activations = [Activation.Gelu, Activation.Tanh],
            Dropout = dropout,
            RegularizeEveryLayer = true,
        },
        Optimizer = optimizer,
        Epochs = 2,
        BatchSize = 128,
        Seed = seed,
    };
}
