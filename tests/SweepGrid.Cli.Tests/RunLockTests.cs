using System.Text.Json;
using SweepGrid.TestData;

namespace SweepGrid.Cli.Tests;

public sealed class RunLockTests : IDisposable
{
    private readonly TempFolder _temp = new("sweepgrid-lock");

    [Fact]
    public async Task Two_runs_of_one_spec_started_together_train_it_once_and_the_second_names_the_first()
    {
        var data = SyntheticImages.WriteIdxFolder(_temp.Combine("digits"), trainCount: 300, testCount: 100);
        var spec = _temp.Combine("digits.yaml");
        await File.WriteAllTextAsync(spec, SweepFixture.Spec(data, name: "locked"));
        var results = _temp.Combine("results");

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            SweepGridProcess.RunAsync(["run", spec, "--results", results, "--slots", "cpu x1", "--json"])));

        var won = Assert.Single(runs, r => r.ExitCode == 0);
        var lost = Assert.Single(runs, r => r.ExitCode != 0);
        Assert.Equal(2, lost.ExitCode);
        Assert.Contains("is already running in process", lost.Stderr);
        Assert.Contains("one results folder has one running 'sweepgrid run'", lost.Stderr);
        Assert.DoesNotContain("   at ", lost.Stderr);
        var sweepId = JsonDocument.Parse(won.Stdout).RootElement.GetProperty("sweep").GetProperty("sweep_id").GetString()!;
        var trials = File.ReadAllLines(Path.Combine(results, sweepId, "trials.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, trials.Count);
        Assert.All(trials, t => Assert.Equal(("completed", 1), (t.GetProperty("status").GetString(), t.GetProperty("attempt").GetInt32())));

        // The lock went with its process: the next run of the spec goes ahead (and finds every trial done).
        var again = await SweepGridProcess.RunAsync(["run", spec, "--results", results, "--slots", "cpu x1", "--json"]);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("4 of 4 trials had finished", again.Stderr);
    }

    public void Dispose() => _temp.Dispose();
}
