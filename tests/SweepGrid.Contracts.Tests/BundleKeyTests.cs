using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Tests;

/// <summary>Which trials may train fused in one bundle: those whose configurations differ only in per-member fields.</summary>
public sealed class BundleKeyTests
{
    private static readonly string[] PerMember =
    [
        "learning_rate", "dropout", "momentum", "weight_decay", "beta1", "beta2", "eps", "lr_schedule", "lr_step_size", "lr_gamma",
        "min_learning_rate", "seed",
    ];

    public static TheoryData<string> PerMemberChanges => new(PerMember);

    [Theory]
    [MemberData(nameof(PerMemberChanges))]
    public void Trials_that_differ_only_in_a_per_member_field_share_a_bundle(string name)
    {
        var plain = new TrialConfig();
        var changed = Change(plain, name);

        Assert.NotEqual(TrialId.Of(plain), TrialId.Of(changed));
        Assert.Equal(ConfigCatalog.BundleKey(plain), ConfigCatalog.BundleKey(changed));
    }

    [Theory]
    [InlineData("optimizer")]
    [InlineData("hidden")]
    [InlineData("activations")]
    [InlineData("batch_norm")]
    [InlineData("regularize_every_layer")]
    [InlineData("nesterov")]
    [InlineData("label_smoothing")]
    [InlineData("epochs")]
    [InlineData("batch_size")]
    [InlineData("split_seed")]
    [InlineData("dataset")]
    [InlineData("validation_split")]
    [InlineData("normalization")]
    [InlineData("train_limit")]
    public void Trials_that_differ_in_shape_data_or_batches_do_not(string name)
    {
        var plain = new TrialConfig();

        Assert.NotEqual(ConfigCatalog.BundleKey(plain), ConfigCatalog.BundleKey(Change(plain, name)));
    }

    [Fact]
    public void Every_field_is_either_per_member_or_shared_as_listed_here()
    {
        Assert.Equal(PerMember.Order(), ConfigCatalog.All.Where(f => f.PerMember).Select(f => f.Name).Order());
    }

    private static TrialConfig Change(TrialConfig config, string name) => name switch
    {
        "learning_rate" => config with { LearningRate = 0.005 },
        "dropout" => config with { Dropout = 0.5 },
        "momentum" => config with { Momentum = 0.9 },
        "weight_decay" => config with { WeightDecay = 1e-4 },
        "beta1" => config with { Beta1 = 0.8 },
        "beta2" => config with { Beta2 = 0.99 },
        "eps" => config with { Eps = 1e-6 },
        "lr_schedule" => config with { LrSchedule = "cosine" },
        "lr_step_size" => config with { LrStepSize = 3 },
        "lr_gamma" => config with { LrGamma = 0.5 },
        "min_learning_rate" => config with { MinLearningRate = 1e-5 },
        "seed" => config with { Seed = 7 },
        "optimizer" => config with { Optimizer = "sgd" },
        "hidden" => config with { Hidden = [256, 128, 64] },
        "activations" => config with { Activations = ["relu"] },
        "batch_norm" => config with { BatchNorm = false },
        "regularize_every_layer" => config with { RegularizeEveryLayer = true },
        "nesterov" => config with { Nesterov = true },
        "label_smoothing" => config with { LabelSmoothing = 0.1 },
        "epochs" => config with { Epochs = 3 },
        "batch_size" => config with { BatchSize = 64 },
        "split_seed" => config with { SplitSeed = 3 },
        "dataset" => config with { DatasetName = "cifar10" },
        "validation_split" => config with { ValidationSplit = 0.2 },
        "normalization" => config with { Normalization = "standardize" },
        "train_limit" => config with { TrainLimit = 500 },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no change defined for this field"),
    };
}
