namespace SweepGrid.Grains.Tests;

public static class Specs
{
    /// <summary>optimizer × learning rate × dropout: 27 trials.</summary>
    public static string Grid27(string name = "orchestration-grid", int epochs = 3, int maxConcurrent = 8, int maxRetries = 2, string more = "") => $$"""
        name: {{name}}
        dataset: {name: fashion-mnist}
        training: {epochs: {{epochs}}, batch_size: 64, seed: 1}
        method: grid
        metric: {name: val_accuracy, goal: maximize}
        parameters:
          optimizer: {values: [sgd, adam, rmsprop]}
          learning_rate: {values: [0.04, 0.01, 0.001]}
          dropout: {values: [0.0, 0.2, 0.5]}
        max_concurrent_trials: {{maxConcurrent}}
        max_retries: {{maxRetries}}
        {{more}}
        """;

    public static string Small(string name, int trials, int epochs = 2, int maxRetries = 2, int maxConcurrent = 8)
    {
        var rates = string.Join(", ", Enumerable.Range(1, trials).Select(i => (0.001 * i).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        return $$"""
            name: {{name}}
            dataset: {name: fashion-mnist}
            training: {epochs: {{epochs}}, batch_size: 64, seed: 1}
            method: grid
            parameters:
              optimizer: {value: adam}
              learning_rate: {values: [{{rates}}]}
            max_retries: {{maxRetries}}
            max_concurrent_trials: {{maxConcurrent}}
            """;
    }
}
