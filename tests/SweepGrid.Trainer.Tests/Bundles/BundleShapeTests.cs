using SweepGrid.Trainer.Bundles;
using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Tests.Bundles;

public sealed class BundleShapeTests
{
    private static readonly TrialSpec Base = FashionSliceFixture.Spec(new OptimizerConfig { Kind = OptimizerKind.Sgd, LearningRate = 0.05, Momentum = 0.9 });

    [Fact]
    public void Trials_differing_in_learning_rate_dropout_momentum_decay_schedule_and_seed_fuse()
    {
        var other = Base with
        {
            Seed = 99,
            Model = Base.Model with { Dropout = 0 },
            Optimizer = Base.Optimizer with { LearningRate = 0.2, Momentum = 0.5, WeightDecay = 1e-3, Schedule = LrScheduleKind.Cosine },
        };

        Assert.True(BundleShape.CanFuse([Base, other], out var whyNot), whyNot);
    }

    [Theory]
    [InlineData("batch size")]
    [InlineData("number of epochs")]
    [InlineData("optimizer")]
    [InlineData("hidden layer sizes")]
    [InlineData("activations")]
    [InlineData("batch norm")]
    [InlineData("dataset")]
    [InlineData("label smoothing")]
    public void Trials_differing_in_what_they_must_share_do_not_fuse_and_the_reason_names_it(string difference)
    {
        var other = difference switch
        {
            "batch size" => Base with { BatchSize = 64 },
            "number of epochs" => Base with { Epochs = 3 },
            "optimizer" => Base with { Optimizer = new OptimizerConfig { Kind = OptimizerKind.Adam } },
            "hidden layer sizes" => Base with { Model = Base.Model with { Hidden = [64, 16] } },
            "activations" => Base with { Model = Base.Model with { Activations = [Activation.Relu] } },
            "batch norm" => Base with { Model = Base.Model with { BatchNorm = false } },
            "dataset" => Base with { Dataset = Base.Dataset with { TrainLimit = 1000 } },
            _ => Base with { LabelSmoothing = 0.1 },
        };

        Assert.False(BundleShape.CanFuse([Base, Base, other], out var whyNot));
        Assert.Equal($"trial 2 has another {difference} than trial 0", whyNot);
    }

    [Fact]
    public void Two_members_writing_one_checkpoint_folder_do_not_fuse()
    {
        var folder = Path.Combine(Path.GetTempPath(), "shared-checkpoints");

        Assert.False(BundleShape.CanFuse([Base with { CheckpointDirectory = folder }, Base with { Seed = 3, CheckpointDirectory = folder }], out var whyNot));
        Assert.Contains("each needs its own", whyNot);
    }

    [Fact]
    public void An_empty_bundle_does_not_fuse()
    {
        Assert.False(BundleShape.CanFuse([], out var whyNot));
        Assert.Equal("a bundle needs at least one trial", whyNot);
    }
}
