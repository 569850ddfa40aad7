using TorchSharp;
using static TorchSharp.torch;

namespace SweepGrid.Trainer.Models;

/// <summary>Inverted dropout drawing its masks from the trial's own generator, so concurrent trials stay reproducible.</summary>
public sealed class SeededDropout : nn.Module<Tensor, Tensor>
{
    private readonly double _rate;
    private readonly Generator _generator;
    private readonly Device? _drawDevice;

    /// <param name="drawDevice">The generator's device when it differs from the input's (a CPU generator for a model on
    /// cuda); null draws on the input's device.</param>
    public SeededDropout(double rate, Generator generator, Device? drawDevice = null)
        : base(nameof(SeededDropout))
    {
        _rate = rate;
        _generator = generator;
        _drawDevice = drawDevice;
    }

    public override Tensor forward(Tensor input)
    {
        if (!training || _rate == 0)
        {
            return input.alias();
        }

        using var draw = _drawDevice is { } on && on.type != input.device_type
            ? DrawElsewhere(input, on)
            : rand(input.shape, dtype: input.dtype, device: input.device, generator: _generator);
        using var keep = draw.ge(_rate);
        return input.mul(keep).mul_(1.0 / (1.0 - _rate));
    }

    private Tensor DrawElsewhere(Tensor input, Device on)
    {
        using var drawn = rand(input.shape, dtype: input.dtype, device: on, generator: _generator);
        return drawn.to(input.device);
    }
}
