namespace SweepGrid.Trainer.Models;

/// <summary>
/// The names of an <see cref="MlpClassifier"/>'s parameters and buffers (<c>_layers.dense0.weight</c>) in the equivalent
/// <c>torch.nn.Sequential</c> (<c>0.weight</c>): each layer's index among Linear, activation, BatchNorm1d and Dropout, in the
/// order the classifier builds them, so <c>load_state_dict</c> on that Sequential reads the classifier's weights.
/// </summary>
public static class SequentialNames
{
    private static readonly string[] LinearState = ["weight", "bias"];
    private static readonly string[] BatchNormState = ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"];

    /// <summary>The classifier's state name of every parameter and buffer to its name in the Sequential.</summary>
    public static IReadOnlyDictionary<string, string> Of(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var names = new Dictionary<string, string>();
        var index = 0;
        void Layer(string name, string[] state)
        {
            foreach (var tensor in state)
            {
                names.Add($"_layers.{name}.{tensor}", $"{index}.{tensor}");
            }

            index++;
        }

        for (var i = 0; i < config.Hidden.Count; i++)
        {
            Layer($"dense{i}", LinearState);
            Layer($"{config.ActivationOf(i).Name()}{i}", []);
            if (config.RegularizesLayer(i))
            {
                if (config.BatchNorm)
                {
                    Layer($"batchnorm{i}", BatchNormState);
                }

                if (config.Dropout > 0)
                {
                    Layer($"dropout{i}", []);
                }
            }
        }

        Layer("logits", LinearState);
        return names;
    }
}
