using System.Text.Json;
using SweepGrid.TestData;

namespace SweepGrid.Cli.Tests;

/// <summary>A `sweepgrid run` killed with SIGKILL mid-trial: status and list read its results folder afterwards.</summary>
public sealed class InterruptedRunTests : IDisposable
{
    private readonly TempFolder _temp = new("sweepgrid-killed");

    private string Results => _temp.Combine("results");

    [Fact]
    public async Task Status_and_list_of_a_sweep_whose_run_was_killed_say_it_is_interrupted_not_running()
    {
        var data = SyntheticImages.WriteIdxFolder(_temp.Combine("digits"), trainCount: 2000, testCount: 100);
        var spec = _temp.Combine("digits.yaml");
        // Trials of 1,000 epochs (minutes each) on one slot: the first is still training when the process is killed.
        await File.WriteAllTextAsync(spec, SweepFixture.Spec(data).Replace("epochs: 2", "epochs: 1000"));
        await using var run = RunningProcess.Start("sweepgrid.dll", ["run", spec, "--results", Results, "--slots", "cpu x1"]);
        // A trial is running: its start is printed, or the first snapshot (when the trial started before the view subscribed)
        // says so; on CPU the slot trains its trials fused by default, so more than one may be running.
        await run.WaitForLineAsync(l => l.StartsWith("started ", StringComparison.Ordinal)
            || System.Text.RegularExpressions.Regex.IsMatch(l, @" [1-9][0-9]* running$"), TimeSpan.FromSeconds(120));
        var pid = run.Id;
        run.KillHard();
        var sweepId = Path.GetFileName(Assert.Single(Directory.GetDirectories(Results)));
        var gone = $"interrupted (run process {pid} is gone; run it again to resume)";

        var status = await SweepGridProcess.RunAsync(["status", sweepId, "--results", Results]);
        Assert.True(status.ExitCode == 0, status.Stderr);
        Assert.True(status.Stdout.StartsWith($"{sweepId}  digits  {gone}: 0/4 finished", StringComparison.Ordinal), status.Stdout);
        Assert.True(status.Stdout.Contains(" 0 running, 4 pending", StringComparison.Ordinal), status.Stdout);

        var json = await SweepGridProcess.RunAsync(["status", sweepId, "--results", Results, "--json"]);
        Assert.True(json.ExitCode == 0, json.Stderr);
        var state = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal("interrupted", state.GetProperty("state").GetString());
        Assert.Equal(0, state.GetProperty("running").GetInt32());
        Assert.Equal($"run process {pid} is gone; run it again to resume", state.GetProperty("interrupted").GetString());

        var list = await SweepGridProcess.RunAsync(["list", "--results", Results]);
        Assert.True(list.ExitCode == 0, list.Stderr);
        var row = Assert.Single(list.Stdout.Split('\n'), l => l.StartsWith(sweepId, StringComparison.Ordinal));
        Assert.Contains("interrupted", row);
        Assert.EndsWith($"(run process {pid} is gone; run it again to resume)", row.TrimEnd());
    }

    public void Dispose() => _temp.Dispose();
}
