using TorchSharp;
using static TorchSharp.torch;

namespace SweepGrid.Trainer.Models;

/// <summary>The MLP of a <see cref="ModelConfig"/>; weights (on the CPU) and dropout masks (on the device) come from the trial's generators.</summary>
public sealed class MlpClassifier : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _layers;

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
            modules.Add(($"dense{i}", nn.Linear(width, config.Hidden[i])));
            modules.Add(($"{config.ActivationOf(i).Name()}{i}", CreateActivation(config.ActivationOf(i))));
            if (config.RegularizesLayer(i))
            {
                if (config.BatchNorm)
                {
                    modules.Add(($"batchnorm{i}", nn.BatchNorm1d(config.Hidden[i])));
                }

                if (config.Dropout > 0)
                {
                    modules.Add(($"dropout{i}", new SeededDropout(config.Dropout, dropoutGenerator, dropoutDrawDevice)));
                }
            }

            width = config.Hidden[i];
        }

        modules.Add(("logits", nn.Linear(width, classCount)));
        _layers = nn.Sequential(modules);
        RegisterComponents();
        InitializeWeights(initGenerator);
    }

    public override Tensor forward(Tensor input) => _layers.forward(input);

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
