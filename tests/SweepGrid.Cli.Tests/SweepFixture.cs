using System.Text.Json;
using SweepGrid.TestData;

namespace SweepGrid.Cli.Tests;

/// <summary>One small real sweep run with `sweepgrid run` on generated digits, shared by the tests that read it back.</summary>
public sealed class SweepFixture : IAsyncLifetime
{
    public TempFolder Temp { get; } = new("sweepgrid-cli");

    public string Results => Temp.Combine("results");

    public string SpecPath => Temp.Combine("digits.yaml");

    public string SweepId { get; private set; } = "";

    public SweepGridProcess.Outcome Run { get; private set; } = null!;

    public JsonElement RunJson { get; private set; }

    public static string Spec(string datasetPath, string name = "digits") => $$"""
        name: {{name}}
        dataset: {name: digits, path: {{datasetPath}}, validation_split: 0.2}
        model: {hidden: [32, 16], activations: [relu, tanh], batch_norm: true}
        training: {epochs: 2, batch_size: 32, seed: 7}
        method: grid
        metric: {name: val_accuracy, goal: maximize}
        parameters:
          optimizer: {values: [sgd, adam]}
          learning_rate: {values: [0.05, 0.002]}
        max_retries: 1
        """;

    public async Task InitializeAsync()
    {
        var data = SyntheticImages.WriteIdxFolder(Temp.Combine("digits"), trainCount: 300, testCount: 100);
        await File.WriteAllTextAsync(SpecPath, Spec(data));
        Run = await SweepGridProcess.RunAsync(["run", SpecPath, "--results", Results, "--slots", "cpu x2", "--json"]);
        if (Run.ExitCode != 0)
        {
            throw new InvalidOperationException($"sweepgrid run failed ({Run.ExitCode}): {Run.Stderr}");
        }

        RunJson = JsonDocument.Parse(Run.Stdout).RootElement.Clone();
        SweepId = RunJson.GetProperty("sweep").GetProperty("sweep_id").GetString()!;
    }

    public Task DisposeAsync()
    {
        Temp.Dispose();
        return Task.CompletedTask;
    }
}
