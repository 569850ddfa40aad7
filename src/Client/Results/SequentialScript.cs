namespace SweepGrid.Client.Results;

/// <summary>The model.py of `best --export`: the trial's MLP as a <c>torch.nn.Sequential</c> read from config.json, its weights
/// from state_dict.pt (named as <see cref="SweepGrid.Trainer.Models.SequentialNames"/> names them).</summary>
public static class SequentialScript
{
    public const string Text = """
        # The best trial's MLP as a torch.nn.Sequential, from config.json, with the weights in state_dict.pt (also in model.safetensors).
        # Input: flattened images, shape (N, channels * height * width), normalized as the trainer did: minus_one_to_one (the default)
        # is pixel / 127.5 - 1; standardize subtracts the training part's per-channel mean and divides by its standard deviation.
        # Output: one logit per class, in the order of the dataset's classes. Call model.eval() first (BatchNorm, Dropout).
        import json
        import os

        import torch
        from torch import nn

        ACTIVATIONS = {"relu": nn.ReLU, "gelu": nn.GELU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid,
                       "leaky_relu": lambda: nn.LeakyReLU(0.01), "elu": nn.ELU, "silu": nn.SiLU}


        def build(config, state):
            # Linear, activation, then (after the first hidden layer, or every one) BatchNorm1d and Dropout; then the output Linear.
            layers, width, names = [], state["0.weight"].shape[1], config["activations"]
            for i, size in enumerate(config["hidden"]):
                layers += [nn.Linear(width, size), ACTIVATIONS[names[0] if len(names) == 1 else names[i]]()]
                if i == 0 or config["regularize_every_layer"]:
                    if config["batch_norm"]:
                        layers.append(nn.BatchNorm1d(size))
                    if config["dropout"] > 0:
                        layers.append(nn.Dropout(config["dropout"]))
                width = size
            layers.append(nn.Linear(width, state[f"{len(layers)}.weight"].shape[0]))
            return nn.Sequential(*layers)


        def load(folder=os.path.dirname(os.path.abspath(__file__))):
            with open(os.path.join(folder, "config.json")) as f:
                config = json.load(f)
            state = torch.load(os.path.join(folder, "state_dict.pt"))
            model = build(config, state)
            model.load_state_dict(state)
            return model.eval()


        if __name__ == "__main__":
            print(load())

        """;
}
