using SweepGrid.Trainer.Bundles;
using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Runtime;
using static TorchSharp.torch;

namespace SweepGrid.Trainer.Tests.Bundles;

public sealed class FusedMlpTests
{
    [Theory]
    [InlineData(true, 128)]
    [InlineData(true, 8)]
    [InlineData(false, 37)]
    public void Each_members_logits_and_gradients_are_bit_for_bit_those_of_its_own_forward_and_backward(bool batchNorm, int batch)
    {
        TorchRuntime.EnsureAvailable();
        set_num_threads(1);
        using var scope = NewDisposeScope();
        var config = new ModelConfig
        {
            Hidden = [48, 24],
            Activations = [Activation.Gelu, Activation.Tanh],
            BatchNorm = batchNorm,
            RegularizeEveryLayer = true,
        };
        MlpClassifier Member(ulong seed, double dropout) =>
            new(config with { Dropout = dropout }, 100, 10, new Generator(seed), new Generator(seed + 1000));
        var alone = new[] { Member(1, 0.2), Member(2, 0.5), Member(3, 0) };
        var fused = new[] { Member(1, 0.2), Member(2, 0.5), Member(3, 0) };
        var inputs = rand([3, batch, 100], generator: new Generator(5));
        var labels = randint(0, 10, [3, batch], generator: new Generator(6));

        var aloneLogits = alone.Select((m, k) => m.forward(inputs[k])).ToArray();
        for (var k = 0; k < 3; k++)
        {
            nn.functional.cross_entropy(aloneLogits[k], labels[k]).backward();
        }

        var fusedLogits = FusedMlp.Forward(fused, inputs).unbind(0);
        fusedLogits.Select((l, k) => nn.functional.cross_entropy(l, labels[k])).Aggregate((a, b) => a + b).backward();

        for (var k = 0; k < 3; k++)
        {
            Assert.True(aloneLogits[k].eq(fusedLogits[k]).all().item<bool>(), $"member {k}: logits differ by up to {(aloneLogits[k] - fusedLogits[k]).abs().max().item<float>()}");
            foreach (var ((name, own), (_, batched)) in alone[k].named_parameters().Zip(fused[k].named_parameters()))
            {
                Assert.True(own.grad!.eq(batched.grad!).all().item<bool>(), $"member {k}: the gradient of {name} differs by up to {(own.grad! - batched.grad!).abs().max().item<float>()}");
            }
        }
    }

    [Fact]
    public void Inputs_not_shaped_one_slice_per_member_are_refused()
    {
        TorchRuntime.EnsureAvailable();
        using var scope = NewDisposeScope();
        var members = new[] { new MlpClassifier(new ModelConfig(), 100, 10, new Generator(1), new Generator(2)) };

        var error = Assert.Throws<ArgumentException>(() => FusedMlp.Forward(members, zeros(2, 4, 100)));
        Assert.Contains("[1, batch, features]", error.Message);
    }
}
