using SweepGrid.Trainer.Models;
using static TorchSharp.torch;

namespace SweepGrid.Trainer.Bundles;

/// <summary>
/// The forward pass of K <see cref="MlpClassifier"/>s of one shape as one batched model: each Linear of all members is one
/// batched matrix multiply over their weights stacked to [K, out, in]; what follows it (activation, batch norm with the
/// member's own statistics, dropout with the member's own rate and generator) runs on the member's slice with the member's
/// own modules. Each member thus computes exactly what it computes alone, and its gradients reach its own parameters.
/// </summary>
public static class FusedMlp
{
    /// <summary>Logits [K, B, classes] of <paramref name="members"/> for their inputs <paramref name="inputs"/> [K, B, features].</summary>
    public static Tensor Forward(IReadOnlyList<MlpClassifier> members, Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.dim() != 3 || inputs.shape[0] != members.Count)
        {
            throw new ArgumentException($"inputs must be [{members.Count}, batch, features], one slice per member; got [{string.Join(", ", inputs.shape)}]", nameof(inputs));
        }

        var hidden = inputs;
        var stages = members[0].Stages.Count;
        for (var s = 0; s < stages; s++)
        {
            var stage = s;
            var weights = stack(members.Select(m => (Tensor)m.Stages[stage].Dense.weight!));
            var biases = stack(members.Select(m => (Tensor)m.Stages[stage].Dense.bias!));
            hidden = FusedLinearFunction.apply(hidden, weights, biases);
            if (members.Any(m => m.Stages[stage].After.Count > 0))
            {
                var slices = hidden.unbind(0);
                hidden = stack(slices.Select((slice, k) => members[k].Stages[stage].After.Aggregate(slice, (x, module) => module.forward(x))));
            }
        }

        return hidden;
    }
}
