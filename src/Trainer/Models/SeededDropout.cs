using TorchSharp;
using static TorchSharp.torch;

namespace SweepGrid.Trainer.Models;

/// <summary>Inverted dropout drawing its masks from the trial's own generator, so concurrent trials stay reproducible.</summary>
public sealed class SeededDropout : nn.Module<Tensor, Tensor>
{
    private readonly double _rate;
    private readonly Generator _generator;

    public SeededDropout(double rate, Generator generator)
        : base(nameof(SeededDropout))
    {
        _rate = rate;
        _generator = generator;
    }

    public override Tensor forward(Tensor input)
    {
        if (!training || _rate == 0)
        {
            return input.alias();
        }

        using var draw = rand(input.shape, dtype: input.dtype, device: input.device, generator: _generator);
        using var keep = draw.ge(_rate);
        return input.mul(keep).mul_(1.0 / (1.0 - _rate));
    }
}
