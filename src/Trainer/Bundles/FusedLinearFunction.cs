using TorchSharp;
using static TorchSharp.torch;

namespace SweepGrid.Trainer.Bundles;

/// <summary>
/// K Linear layers at once, y[k] = x[k] · w[k]ᵀ + b[k], with the gradients computed in the operand layout nn.Linear's own
/// backward uses (∂w = ∂yᵀ · x, ∂x = ∂y · w, ∂b = Σ ∂y), so each member's gradients are bit for bit those it gets alone.
/// Autograd's own bmm backward computes ∂w as (xᵀ · ∂y)ᵀ, which BLAS rounds differently for narrow layers (the logits).
/// </summary>
internal sealed class FusedLinearFunction : autograd.SingleTensorFunction<FusedLinearFunction>
{
    public override string Name => nameof(FusedLinearFunction);

    /// <param name="vars">inputs [K, B, in], weights [K, out, in], biases [K, out].</param>
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (inputs, weights, biases) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2]);
        ctx.save_for_backward([inputs, weights]);
        ctx.save_data("inputs_need_grad", inputs.requires_grad);
        // TorchSharp's Tensor.baddbmm is called on the first batch and takes the added matrix last: biases + inputs × weightsᵀ,
        // per member the addmm nn.Linear computes.
        return inputs.baddbmm(weights.transpose(1, 2), biases.unsqueeze(1));
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var saved = ctx.get_saved_variables();
        var (inputs, weights) = (saved[0], saved[1]);
        var inputsGrad = (bool)ctx.get_data("inputs_need_grad") ? grad_output.bmm(weights) : null;
        var weightsGrad = grad_output.transpose(1, 2).bmm(inputs);
        var biasesGrad = grad_output.sum(1);
        return [inputsGrad!, weightsGrad, biasesGrad];
    }
}
