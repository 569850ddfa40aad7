using System.Globalization;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Models;

/// <summary>
/// An MLP classifier: hidden layers each Dense → activation; after the first (or every, with
/// RegularizeEveryLayer) hidden layer come BatchNorm and Dropout; then Dense to the class logits.
/// The default is the seed experiment's: Dense 128 ReLU → BatchNorm → Dropout 0.2 → Dense 64 GELU → Dense 32 Tanh → 10.
/// </summary>
public sealed record ModelConfig
{
    public IReadOnlyList<int> Hidden { get; init; } = [128, 64, 32];

    public IReadOnlyList<Activation> Activations { get; init; } = [Activation.Relu, Activation.Gelu, Activation.Tanh];

    public bool BatchNorm { get; init; } = true;

    public double Dropout { get; init; } = 0.2;

    public bool RegularizeEveryLayer { get; init; }

    public void Validate()
    {
        if (Hidden.Count == 0)
        {
            throw new TrainingConfigException("model.hidden", "[]", "give at least one hidden layer size, e.g. [128, 64, 32]");
        }

        for (var i = 0; i < Hidden.Count; i++)
        {
            if (Hidden[i] <= 0)
            {
                throw new TrainingConfigException($"model.hidden[{i}]", Hidden[i].ToString(CultureInfo.InvariantCulture), "layer sizes must be positive");
            }
        }

        if (Activations.Count != Hidden.Count && Activations.Count != 1)
        {
            throw new TrainingConfigException("model.activations", string.Join(",", Activations.Select(a => a.Name())),
                $"give one activation for every hidden layer ({Hidden.Count}), or one for all");
        }

        if (Dropout is < 0 or >= 1 || double.IsNaN(Dropout))
        {
            throw new TrainingConfigException("dropout", Dropout.ToString(CultureInfo.InvariantCulture), "it must be at least 0 and below 1");
        }
    }

    public Activation ActivationOf(int layer) => Activations.Count == 1 ? Activations[0] : Activations[layer];

    public bool RegularizesLayer(int layer) => layer == 0 || RegularizeEveryLayer;
}
