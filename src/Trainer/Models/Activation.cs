namespace SweepGrid.Trainer.Models;

public enum Activation
{
    Relu,
    Gelu,
    Tanh,
    Sigmoid,
    LeakyRelu,
    Elu,
    Silu,
}

/// <summary>The name of an activation's module in a model's state (relu0, gelu1, …), as saved in checkpoints and weights.</summary>
public static class ActivationNames
{
    public static string Name(this Activation activation) => activation switch
    {
        Activation.LeakyRelu => "leaky_relu",
        _ => activation.ToString().ToLowerInvariant(),
    };
}
