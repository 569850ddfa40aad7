using System.Text.Json;
using SweepGrid.TestData;

namespace SweepGrid.Cli.Tests;

/// <summary>`sweepgrid run` of a grid with ASHA, training for real: pruned trials are an outcome everywhere a user looks.</summary>
public sealed class EarlyStoppingRunTests : IDisposable
{
    private readonly TempFolder _temp = new("sweepgrid-asha");

    [Fact]
    public async Task A_grid_with_asha_prunes_trials_early_and_every_command_shows_them_as_pruned_after_the_completed_ones()
    {
        var data = SyntheticImages.WriteIdxFolder(_temp.Combine("digits"), trainCount: 1000, testCount: 100);
        var spec = _temp.Combine("asha.yaml");
        await File.WriteAllTextAsync(spec, $$"""
            name: digits-asha
            dataset: {name: digits, path: {{data}}, validation_split: 0.2}
            model: {hidden: [32, 16], activations: [relu, tanh]}
            training: {epochs: 4, batch_size: 32, seed: 7}
            method: grid
            metric: {name: val_accuracy, goal: maximize}
            parameters:
              optimizer: {values: [sgd, adam]}
              learning_rate: {values: [0.1, 0.01, 0.001]}
              dropout: {values: [0.0, 0.3]}
            early_terminate: {type: asha, min_iter: 1, eta: 2}
            """);
        var results = _temp.Combine("results");

        var run = await SweepGridProcess.RunAsync(["run", spec, "--results", results, "--slots", "cpu x2", "--json"], timeout: TimeSpan.FromMinutes(4));

        Assert.True(run.ExitCode == 0, run.Stderr);
        var report = JsonDocument.Parse(run.Stdout).RootElement;
        var status = report.GetProperty("sweep");
        var sweepId = status.GetProperty("sweep_id").GetString()!;
        Assert.Equal("completed", status.GetProperty("state").GetString());
        var (completed, pruned) = (status.GetProperty("completed").GetInt32(), status.GetProperty("pruned").GetInt32());
        Assert.Equal(12, completed + pruned);
        // How many are promoted depends on the order the trials reach their rungs; some are always pruned.
        Assert.True(pruned >= 1, $"{pruned} pruned");
        Assert.True(completed >= 1);

        var trials = File.ReadAllLines(Path.Combine(results, sweepId, "trials.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(12, trials.Count);
        Assert.All(trials, t => Assert.Contains(t.GetProperty("status").GetString(), new[] { "completed", "pruned" }));
        // Rungs at epochs 1 and 2 of 4: a pruned trial stopped at one of them, a completed one trained all 4.
        Assert.All(trials.Where(t => t.GetProperty("status").GetString() == "pruned"),
            t => Assert.Contains(t.GetProperty("history").GetArrayLength(), new[] { 1, 2 }));
        Assert.All(trials.Where(t => t.GetProperty("status").GetString() == "completed"), t => Assert.Equal(4, t.GetProperty("history").GetArrayLength()));
        // A promoted trial's attempts each add an event file, whose epochs continue where its checkpoint left off.
        Assert.All(trials, t => TrialTensorBoard.AssertMatches(Path.Combine(results, sweepId), t));
        var epochs = trials.Sum(t => t.GetProperty("history").GetArrayLength());
        Assert.True(epochs < 12 * 4, $"{epochs} epochs of {12 * 4}");

        var leaderboard = await SweepGridProcess.RunAsync(["leaderboard", sweepId, "--results", results, "--json", "--top", "100"]);
        Assert.True(leaderboard.ExitCode == 0, leaderboard.Stderr);
        var entries = JsonDocument.Parse(leaderboard.Stdout).RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(12, entries.Count);
        Assert.Equal(Enumerable.Repeat(false, completed).Concat(Enumerable.Repeat(true, pruned)), entries.Select(e => e.GetProperty("pruned").GetBoolean()));
        Assert.Equal("completed", trials.Single(t => t.GetProperty("trial_id").GetString() == report.GetProperty("best").GetProperty("trial_id").GetString())
            .GetProperty("status").GetString());

        var text = await SweepGridProcess.RunAsync(["status", sweepId, "--results", results]);
        Assert.Contains($"({completed} completed, {pruned} pruned, 0 diverged, 0 failed, 0 cancelled)", text.Stdout);
        Assert.True(new FileInfo(Path.Combine(results, sweepId, "plots", "learning-curves.png")).Length > 1000);
    }

    public void Dispose() => _temp.Dispose();
}
