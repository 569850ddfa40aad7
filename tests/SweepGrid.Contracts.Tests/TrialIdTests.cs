using System.Globalization;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Tests;

public sealed class TrialIdTests
{
    [Fact]
    public void The_id_is_16_hex_characters_of_the_canonical_text_hash_and_does_not_change_between_releases()
    {
        var config = new TrialConfig();

        // Changing this breaks idempotent relaunch of sweeps stored before the change: bump the canonical version instead.
        Assert.Equal("""
            sweepgrid.trial.v1
            activations=["relu","gelu","tanh"]
            batch_norm=true
            batch_size=128
            dataset="fashion-mnist"
            dataset_path=null
            dropout=0.2
            epochs=10
            hidden=[128,64,32]
            learning_rate=0.001
            lr_gamma=0.1
            lr_schedule="constant"
            lr_step_size=10
            min_learning_rate=0
            momentum=0
            nesterov=false
            normalization="minus_one_to_one"
            optimizer="adam"
            regularize_every_layer=false
            seed=42
            split_seed=42
            test_limit=null
            train_limit=null
            validation_split=0.1
            weight_decay=0

            """.Replace("\r\n", "\n"), config.ToCanonicalText());
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(config.ToCanonicalText())));
        Assert.Equal(hash[..16], TrialId.Of(config).Value);
    }

    [Fact]
    public void The_id_does_not_depend_on_the_current_culture()
    {
        var config = new TrialConfig { LearningRate = 0.0015, Dropout = 0.25 };
        var invariant = TrialId.Of(config);
        var commaDecimals = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commaDecimals.NumberFormat.NumberDecimalSeparator = ",";
        commaDecimals.NumberFormat.NegativeSign = "~";
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = commaDecimals;
            Assert.Equal(invariant, TrialId.Of(config));
            Assert.Contains("learning_rate=0.0015\n", config.ToCanonicalText());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Equal_configurations_built_separately_have_equal_ids_and_compare_equal()
    {
        var a = new TrialConfig { Hidden = [256, 128], Activations = ["relu"] };
        var b = new TrialConfig { Hidden = new List<int> { 256, 128 }, Activations = new[] { "relu" } };

        Assert.Equal(TrialId.Of(a), TrialId.Of(b));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Negative_zero_and_zero_give_the_same_id()
    {
        Assert.Equal(TrialId.Of(new TrialConfig { Dropout = 0.0 }), TrialId.Of(new TrialConfig { Dropout = -0.0 }));
    }

    [Fact]
    public void Layer_lists_that_read_alike_when_joined_still_differ()
    {
        Assert.NotEqual(TrialId.Of(new TrialConfig { Hidden = [12, 8] }), TrialId.Of(new TrialConfig { Hidden = [128] }));
        Assert.NotEqual(TrialId.Of(new TrialConfig { DatasetPath = "a\"b" }), TrialId.Of(new TrialConfig { DatasetPath = "a\\\"b" }));
    }
}
