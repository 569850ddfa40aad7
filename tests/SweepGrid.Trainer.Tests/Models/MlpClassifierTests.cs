using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Runner;
using SweepGrid.Trainer.Runtime;
using static TorchSharp.torch;

namespace SweepGrid.Trainer.Tests.Models;

public sealed class MlpClassifierTests
{
    public MlpClassifierTests() => TorchRuntime.EnsureAvailable();

    [Fact]
    public void Default_model_is_the_seed_experiments_layer_stack()
    {
        using var init = new Generator(1, CPU);
        using var drop = new Generator(2, CPU);
        using var model = new MlpClassifier(new ModelConfig(), 784, 10, init, drop);

        var layers = model.named_children().Single().module.named_children().Select(c => c.name).ToList();
        Assert.Equal(["dense0", "relu0", "batchnorm0", "dropout0", "dense1", "gelu1", "dense2", "tanh2", "logits"], layers);
        var expected = 784 * 128 + 128 + 2 * 128 + 128 * 64 + 64 + 64 * 32 + 32 + 32 * 10 + 10;
        Assert.Equal(expected, model.parameters().Sum(p => p.numel()));
        using var output = model.forward(zeros(5, 784));
        Assert.Equal([5L, 10], output.shape);
    }

    [Fact]
    public void Regularizing_every_layer_and_turning_batch_norm_off_change_the_stack()
    {
        using var init = new Generator(1, CPU);
        using var drop = new Generator(2, CPU);
        var config = new ModelConfig { Hidden = [16, 8], Activations = [Activation.Elu], BatchNorm = false, Dropout = 0.5, RegularizeEveryLayer = true };
        using var model = new MlpClassifier(config, 4, 3, init, drop);

        var layers = model.named_children().Single().module.named_children().Select(c => c.name).ToList();
        Assert.Equal(["dense0", "elu0", "dropout0", "dense1", "elu1", "dropout1", "logits"], layers);
    }

    [Fact]
    public void Weights_come_from_the_trial_generator_not_the_global_one()
    {
        Tensor First(ulong seed)
        {
            using var init = new Generator(seed, CPU);
            using var drop = new Generator(0, CPU);
            manual_seed((long)seed * 7919);
            using var model = new MlpClassifier(new ModelConfig(), 10, 3, init, drop);
            return model.parameters().First().detach().clone();
        }

        using var a = First(5);
        using var b = First(5);
        using var c = First(6);
        Assert.True(a.eq(b).all().item<bool>());
        Assert.False(a.eq(c).all().item<bool>());
    }

    [Fact]
    public void Dropout_is_active_only_in_training_and_keeps_the_expected_scale()
    {
        using var drop = new Generator(3, CPU);
        using var dropout = new SeededDropout(0.25, drop);
        using var input = ones(200, 100);

        dropout.train();
        using var trained = dropout.forward(input);
        var kept = trained.ne(0).to(ScalarType.Float32).mean().item<float>();
        Assert.InRange(kept, 0.72, 0.78);
        Assert.Equal(1 / 0.75, trained.max().item<float>(), 5);

        dropout.eval();
        using var evaluated = dropout.forward(input);
        Assert.True(evaluated.eq(input).all().item<bool>());
    }

    [Fact]
    public void Bad_model_settings_name_the_field()
    {
        Assert.Equal("model.hidden", Assert.Throws<TrainingConfigException>(() => new ModelConfig { Hidden = [] }.Validate()).Field);
        Assert.Equal("model.hidden[1]", Assert.Throws<TrainingConfigException>(() => new ModelConfig { Hidden = [4, 0], Activations = [Activation.Relu] }.Validate()).Field);
        Assert.Equal("model.activations", Assert.Throws<TrainingConfigException>(() => new ModelConfig { Hidden = [4, 4, 4], Activations = [Activation.Relu, Activation.Tanh] }.Validate()).Field);
        Assert.Equal("dropout", Assert.Throws<TrainingConfigException>(() => new ModelConfig { Dropout = 1 }.Validate()).Field);
    }
}
