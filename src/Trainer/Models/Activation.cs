using SweepGrid.Trainer.Runner;

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

public static class ActivationNames
{
    public static readonly IReadOnlyList<string> Allowed = ["relu", "gelu", "tanh", "sigmoid", "leaky_relu", "elu", "silu"];

    public static Activation Parse(string text, string field) => text.Trim().ToLowerInvariant() switch
    {
        "relu" => Activation.Relu,
        "gelu" => Activation.Gelu,
        "tanh" => Activation.Tanh,
        "sigmoid" => Activation.Sigmoid,
        "leaky_relu" or "leakyrelu" => Activation.LeakyRelu,
        "elu" => Activation.Elu,
        "silu" or "swish" => Activation.Silu,
        _ => throw new TrainingConfigException(field, text, $"use one of {string.Join(", ", Allowed)}"),
    };

    public static string Name(this Activation activation) => activation switch
    {
        Activation.LeakyRelu => "leaky_relu",
        _ => activation.ToString().ToLowerInvariant(),
    };
}
