using System.Reflection;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SweepGrid.Trainer.Optimizers;

/// <summary>
/// A model's optimizer stepping over all its parameters at once. The parameters are rebound onto slices of one flat
/// parameter, and their gradients onto slices of one flat gradient that backward adds into in place; the optimizer updates
/// the flat parameter, so a step is a handful of operations instead of a handful per parameter. Every update is
/// elementwise, so each value gets exactly what a per-parameter optimizer gives it. Checkpoints keep the per-parameter
/// layout (<see cref="SaveState"/>, <see cref="LoadState"/>): a per-parameter optimizer whose state is viewed from the flat
/// one writes and reads it, so checkpoints written before and after read the same.
/// </summary>
public sealed class FlatOptimizer : IDisposable
{
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly Parameter _flat;
    private readonly Tensor _gradient;
    private readonly optim.Optimizer _optimizer;
    private readonly optim.Optimizer _perParameter;

    /// <param name="parameters">The model's parameters, on the device it trains on, all of one type.</param>
    public FlatOptimizer(OptimizerConfig config, IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = [.. parameters];
        if (_parameters.Count == 0)
        {
            throw new ArgumentException("a model without parameters has nothing to optimize", nameof(parameters));
        }

        var (type, device) = (_parameters[0].dtype, _parameters[0].device);
        if (_parameters.Any(p => p.dtype != type || p.device.ToString() != device.ToString()))
        {
            throw new ArgumentException($"the parameters must share one type and device to be stepped as one; the first is {type} on {device}", nameof(parameters));
        }

        var count = _parameters.Sum(p => p.numel());
        _flat = new Parameter(empty(count, dtype: type, device: device), requires_grad: true);
        _gradient = zeros(count, dtype: type, device: device);
        using (no_grad())
        {
            var offset = 0L;
            foreach (var parameter in _parameters)
            {
                using var values = Slice(_flat, offset, parameter);
                values.copy_(parameter);
                parameter.set_(values);
                // The parameter holds its gradient natively; this handle to it is not needed past the assignment.
                using var gradient = Slice(_gradient, offset, parameter);
                parameter.grad = gradient;
                offset += parameter.numel();
            }
        }

        _flat.grad = _gradient;
        _optimizer = OptimizerFactory.Create(config, [_flat]);
        _perParameter = OptimizerFactory.Create(config, _parameters);
        // The per-parameter optimizer's own state is never used: its state is the flat one's, viewed, from here on.
        ViewFlatState();
    }

    /// <summary>The optimizer of the flat parameter, for its learning rate.</summary>
    public optim.Optimizer Optimizer => _optimizer;

    public void SetLearningRate(double learningRate) => OptimizerFactory.SetLearningRate(_optimizer, learningRate);

    /// <summary>Zeroes every parameter's gradient in one operation (the gradients stay the flat gradient's slices).</summary>
    public void ZeroGrad() => _gradient.zero_();

    public void Step() => _optimizer.step();

    /// <summary>Writes the optimizer's state as a per-parameter optimizer of the same kind writes it.</summary>
    public void SaveState(BinaryWriter writer)
    {
        ViewFlatState();
        OptimizerFactory.SetLearningRate(_perParameter, _optimizer.ParamGroups.First().LearningRate);
        ((OptimizerHelper)_perParameter).save_state_dict(writer);
    }

    /// <summary>Reads a state <see cref="SaveState"/> (or a per-parameter optimizer of the same kind) wrote.</summary>
    public void LoadState(BinaryReader reader)
    {
        ((OptimizerHelper)_perParameter).load_state_dict(reader);
        var flat = FlatState();
        var each = PerParameterStates();
        foreach (var field in StateFields(flat))
        {
            if (field.FieldType != typeof(Tensor))
            {
                field.SetValue(flat, field.GetValue(each[0]));
                continue;
            }

            var parts = each.Select(s => (Tensor?)field.GetValue(s)).ToList();
            if (parts.All(p => p is null))
            {
                ((Tensor?)field.GetValue(flat))?.Dispose();
                field.SetValue(flat, null);
                continue;
            }

            if (parts.Any(p => p is null))
            {
                throw new InvalidDataException($"the optimizer state holds {field.Name} for some parameters and not for others");
            }

            var whole = (Tensor?)field.GetValue(flat) ?? zeros(_flat.numel(), dtype: _flat.dtype, device: _flat.device).DetachFromDisposeScope();
            using (no_grad())
            {
                var offset = 0L;
                for (var i = 0; i < _parameters.Count; i++)
                {
                    using var slice = Slice(whole, offset, _parameters[i]);
                    slice.copy_(parts[i]!);
                    offset += _parameters[i].numel();
                }
            }

            field.SetValue(flat, whole);
        }

        SetLearningRate(_perParameter.ParamGroups.First().LearningRate);
    }

    public void Dispose()
    {
        _perParameter.Dispose();
        _optimizer.Dispose();
        _gradient.Dispose();
        _flat.Dispose();
    }

    /// <summary>Points each parameter's state at its slice of the flat state (what the flat optimizer holds now).</summary>
    private void ViewFlatState()
    {
        var flat = FlatState();
        var each = PerParameterStates();
        foreach (var field in StateFields(flat))
        {
            var value = field.GetValue(flat);
            var offset = 0L;
            for (var i = 0; i < _parameters.Count; i++)
            {
                if (field.FieldType == typeof(Tensor))
                {
                    var whole = (Tensor?)value;
                    var own = (Tensor?)field.GetValue(each[i]);
                    // Out of any dispose scope: these views live as long as this optimizer, whatever scope saves or loads.
                    field.SetValue(each[i], whole is null ? null : Slice(whole, offset, _parameters[i]).DetachFromDisposeScope());
                    own?.Dispose();
                }
                else
                {
                    field.SetValue(each[i], value);
                }

                offset += _parameters[i].numel();
            }
        }
    }

    private OptimizerState FlatState() => ((OptimizerHelper)_optimizer).state_dict().State.Single();

    private List<OptimizerState> PerParameterStates()
    {
        var states = ((OptimizerHelper)_perParameter).state_dict().State.ToList();
        if (states.Count != _parameters.Count)
        {
            throw new InvalidOperationException($"the per-parameter optimizer holds {states.Count} states for {_parameters.Count} parameters");
        }

        return states;
    }

    /// <summary>The public fields of an optimizer kind's per-parameter state (TorchSharp's Adam, SGD, RMSProp states).</summary>
    private static FieldInfo[] StateFields(object state) => state.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance);

    private static Tensor Slice(Tensor whole, long offset, Tensor like) => whole.narrow(0, offset, like.numel()).view(like.shape);
}
