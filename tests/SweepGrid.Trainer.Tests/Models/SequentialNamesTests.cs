using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Runtime;
using static TorchSharp.torch;

namespace SweepGrid.Trainer.Tests.Models;

public sealed class SequentialNamesTests
{
    public SequentialNamesTests() => TorchRuntime.EnsureAvailable();

    private static readonly Dictionary<string, ModelConfig> Configs = new()
    {
        ["default"] = new ModelConfig(),
        ["every layer"] = new ModelConfig { Hidden = [8, 6], Activations = [Activation.Elu], Dropout = 0.5, RegularizeEveryLayer = true },
        ["neither"] = new ModelConfig { Hidden = [8, 6], Activations = [Activation.Silu], BatchNorm = false, Dropout = 0, RegularizeEveryLayer = true },
        ["dropout alone"] = new ModelConfig { Hidden = [8, 6], Activations = [Activation.Relu], BatchNorm = false },
    };

    public static TheoryData<string, string[]> Stacks => new()
    {
        // Linear, relu, BatchNorm1d, Dropout, Linear, gelu, Linear, tanh, Linear.
        { "default", ["0.weight", "0.bias", "2.weight", "2.bias", "2.running_mean", "2.running_var", "2.num_batches_tracked", "4.weight", "4.bias", "6.weight", "6.bias", "8.weight", "8.bias"] },
        // Linear, elu, BatchNorm1d, Dropout, twice, then Linear.
        {
            "every layer",
            ["0.weight", "0.bias", "2.weight", "2.bias", "2.running_mean", "2.running_var", "2.num_batches_tracked", "4.weight", "4.bias",
             "6.weight", "6.bias", "6.running_mean", "6.running_var", "6.num_batches_tracked", "8.weight", "8.bias"]
        },
        // Linear, silu, Linear, silu, Linear: no BatchNorm1d, no Dropout at 0.
        { "neither", ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"] },
        // Linear, relu, Dropout, Linear, relu, Linear: Dropout alone after the first layer.
        { "dropout alone", ["0.weight", "0.bias", "3.weight", "3.bias", "5.weight", "5.bias"] },
    };

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_parameter_and_buffer_of_the_classifier_gets_its_torch_Sequential_name(string stack, string[] expected)
    {
        var config = Configs[stack];
        using var init = new Generator(1, CPU);
        using var drop = new Generator(2, CPU);
        using var model = new MlpClassifier(config, 12, 3, init, drop);

        var names = SequentialNames.Of(config);

        Assert.Equal(model.state_dict().Keys.Order(), names.Keys.Order());
        Assert.Equal(expected.Order(), model.state_dict().Keys.Select(k => names[k]).Order());
    }
}
