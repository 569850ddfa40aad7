namespace SweepGrid.Contracts.Tests;

internal static class ExampleSpecs
{
    public const string FashionOptimizers = """
        name: fashion-optimizers
        dataset: {name: fashion-mnist, path: /usr/share/datasets/fashion-mnist, validation_split: 0.1}
        model: {hidden: [128, 64, 32], activations: [relu, gelu, tanh], batch_norm: true}
        training: {epochs: 10, batch_size: 128, seed: 42}
        method: grid            # grid | random (with count; seeded)
        metric: {name: val_accuracy, goal: maximize}
        parameters:
          optimizer: {values: [sgd, adam, rmsprop]}
          learning_rate: {values: [0.04, 0.01, 0.001]}   # random: {distribution: log_uniform, min: 1e-4, max: 1e-1}
          dropout: {values: [0.0, 0.2, 0.5]}
        max_concurrent_trials: 8
        max_retries: 2
        """;

    /// <summary>The same sweep with the keys of every mapping in another order (the parameters' own order kept).</summary>
    public const string FashionOptimizersReordered = """
        max_retries: 2
        parameters:
          optimizer:
            values: [sgd, adam, rmsprop]
          learning_rate: {values: [0.04, 0.01, 1e-3]}
          dropout: {values: [0, 0.2, 0.50]}
        metric: {goal: maximize, name: val_accuracy}
        training:
          seed: 42
          batch_size: 128
          epochs: 10
        model: {batch_norm: true, activations: [relu, gelu, tanh], hidden: [128, 64, 32]}
        dataset:
          validation_split: 0.1
          path: /usr/share/datasets/fashion-mnist
          name: fashion-mnist
        max_concurrent_trials: 8
        method: grid
        name: fashion-optimizers
        """;

    public const string RandomSearch = """
        name: fashion-random
        dataset: {name: fashion-mnist, train_limit: 6000}
        training: {epochs: 5}
        method: random
        count: 40
        seed: 1234
        parameters:
          optimizer: {values: [sgd, adam, rmsprop]}
          learning_rate: {distribution: log_uniform, min: 1e-4, max: 1e-1}
          dropout: {distribution: uniform, min: 0.0, max: 0.5}
          batch_size: {distribution: int_uniform, min: 32, max: 256}
          hidden: {values: [[128, 64, 32], [256, 128, 64]]}
        """;
}
