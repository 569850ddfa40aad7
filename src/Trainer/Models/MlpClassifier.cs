using TorchSharp;
using static TorchSharp.torch;

namespace SweepGrid.Trainer.Models;

/// <summary>The MLP of a <see cref="ModelConfig"/>; weights (on the CPU) and dropout masks (on the device) come from the trial's generators.</summary>
public sealed class MlpClassifier : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _layers;
    private readonly List<MlpStage> _stages = [];

    /// <param name="dropoutDrawDevice">Where dropout masks are drawn, when not on the input's device: the CPU, for a CPU
    /// <paramref name="dropoutGenerator"/> serving a model on cuda.</param>
    public MlpClassifier(ModelConfig config, int inputFeatures, int classCount, Generator initGenerator, Generator dropoutGenerator, Device? dropoutDrawDevice = null)
        : base(nameof(MlpClassifier))
    {
        config.Validate();
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        var width = inputFeatures;
        for (var i = 0; i < config.Hidden.Count; i++)
        {
            var dense = nn.Linear(width, config.Hidden[i]);
            var after = new List<nn.Module<Tensor, Tensor>> { CreateActivation(config.ActivationOf(i)) };
            modules.Add(($"dense{i}", dense));
            modules.Add(($"{config.ActivationOf(i).Name()}{i}", after[0]));
            if (config.RegularizesLayer(i))
            {
                if (config.BatchNorm)
                {
                    after.Add(nn.BatchNorm1d(config.Hidden[i]));
                    modules.Add(($"batchnorm{i}", after[^1]));
                }

                if (config.Dropout > 0)
                {
                    after.Add(new SeededDropout(config.Dropout, dropoutGenerator, dropoutDrawDevice));
                    modules.Add(($"dropout{i}", after[^1]));
                }
            }

            _stages.Add(new MlpStage(dense, after));
            width = config.Hidden[i];
        }

        var logits = nn.Linear(width, classCount);
        modules.Add(("logits", logits));
        _stages.Add(new MlpStage(logits, []));
        _layers = nn.Sequential(modules);
        RegisterComponents();
        InitializeWeights(initGenerator);
    }

    public override Tensor forward(Tensor input) => _layers.forward(input);

    /// <summary>The layers in the order <see cref="forward"/> applies them, grouped at each Linear: what a fused bundle
    /// batches (the Linear) and what it applies member by member (the rest).</summary>
    internal IReadOnlyList<MlpStage> Stages => _stages;

    /// <summary>PyTorch's default Linear init (uniform ±1/√fan_in for weight and bias), from our generator instead of the global one.</summary>
    private void InitializeWeights(Generator generator)
    {
        using var _ = no_grad();
        foreach (var module in _layers.modules())
        {
            if (module is not TorchSharp.Modules.Linear linear)
            {
                continue;
            }

            var bound = 1.0 / Math.Sqrt(linear.weight!.shape[1]);
            Fill(linear.weight, bound, generator);
            if (linear.bias is { } bias)
            {
                Fill(bias, bound, generator);
            }
        }
    }

    private static void Fill(Tensor parameter, double bound, Generator generator)
    {
        using var draw = rand(parameter.shape, dtype: parameter.dtype, generator: generator);
        parameter.copy_(draw.mul_(2 * bound).sub_(bound));
    }

    private static nn.Module<Tensor, Tensor> CreateActivation(Activation activation) => activation switch
    {
        Activation.Relu => nn.ReLU(),
        Activation.Gelu => nn.GELU(),
        Activation.Tanh => nn.Tanh(),
        Activation.Sigmoid => nn.Sigmoid(),
        Activation.LeakyRelu => nn.LeakyReLU(0.01),
        Activation.Elu => nn.ELU(),
        Activation.Silu => nn.SiLU(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _layers.Dispose();
        }

        base.Dispose(disposing);
    }
}
