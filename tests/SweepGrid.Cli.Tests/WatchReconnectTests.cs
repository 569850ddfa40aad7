using System.Text.Json;
using SweepGrid.TestData;

namespace SweepGrid.Cli.Tests;

/// <summary>`sweepgrid launch`, `watch`, `cancel` and `results` against a standalone silo process (fake trials), killed and started again mid-sweep.</summary>
public sealed class WatchReconnectTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly TempFolder _temp = new("sweepgrid-watch");

    private const string Spec = """
        name: reconnect
        dataset: {name: fashion-mnist}
        training: {epochs: 3}
        method: grid
        metric: {name: val_accuracy, goal: maximize}
        parameters:
          optimizer: {values: [sgd, adam, rmsprop]}
          dropout: {values: [0.0, 0.3]}
        max_retries: 3
        """;

    /// <summary>The environment of a one-slot silo process with fake 1 s epochs (a sweep of about 18 s, which a watch started right after the launch joins on a loaded machine), and the --cluster value that reaches it.</summary>
    private (Dictionary<string, string> Silo, string Cluster) SiloSettings()
    {
        var (silo, cluster) = SiloProcess.OneSlotFake(_temp);
        silo["SWEEPGRID_FakeExecutor__EpochDuration"] = "00:00:01";
        silo["SWEEPGRID_Dispatcher__LeaseTimeout"] = "00:00:03";
        return (silo, cluster);
    }

    [Fact]
    public async Task Cancel_stops_a_launched_sweep_and_results_writes_what_finished()
    {
        var (silo, cluster) = SiloSettings();
        // Trials of 3 s on one slot: the cancel arrives while most of the sweep is still to run.
        silo["SWEEPGRID_FakeExecutor__EpochDuration"] = "00:00:01";
        var spec = _temp.Combine("spec.yaml");
        await File.WriteAllTextAsync(spec, Spec);
        await using var process = await SiloProcess.StartReadyAsync(silo, Patience);
        var launch = await SweepGridProcess.RunAsync(["launch", spec, "--cluster", cluster, "--json"]);
        Assert.True(launch.ExitCode == 0, launch.Stderr);
        var sweepId = JsonDocument.Parse(launch.Stdout).RootElement.GetProperty("sweep_id").GetString()!;

        var cancel = await SweepGridProcess.RunAsync(["cancel", sweepId, "--cluster", cluster]);
        Assert.True(cancel.ExitCode == 0, cancel.Stderr);
        Assert.Contains(sweepId, cancel.Stdout);
        // The running trial stops at its next epoch report; watch returns when the sweep has ended, cancelled.
        var watch = await SweepGridProcess.RunAsync(["watch", sweepId, "--cluster", cluster], timeout: Patience);
        var read = await SweepGridProcess.RunAsync(["status", sweepId, "--cluster", cluster, "--json"]);
        Assert.True(read.ExitCode == 0, read.Stderr);
        var status = JsonDocument.Parse(read.Stdout).RootElement;
        Assert.Equal("cancelled", status.GetProperty("state").GetString());
        // The trial that was running may have finished its last epoch first: watch succeeds when something completed and nothing failed.
        Assert.Equal(status.GetProperty("completed").GetInt32() > 0 ? 0 : 1, watch.ExitCode);
        Assert.Equal(0, status.GetProperty("pending").GetInt32() + status.GetProperty("running").GetInt32());
        Assert.True(status.GetProperty("cancelled").GetInt32() >= 3, status.ToString());
        Assert.Equal(6, status.GetProperty("completed").GetInt32() + status.GetProperty("cancelled").GetInt32());

        var folder = _temp.Combine("results-out");
        var results = await SweepGridProcess.RunAsync(["results", sweepId, "--cluster", cluster, "--out", folder]);
        Assert.True(results.ExitCode == 0, results.Stderr);
        var trials = File.ReadAllLines(Path.Combine(folder, "trials.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(6, trials.Count);
        Assert.Equal(status.GetProperty("cancelled").GetInt32(), trials.Count(t => t.GetProperty("status").GetString() == "cancelled"));
        Assert.Equal(Spec, File.ReadAllText(Path.Combine(folder, "spec.yaml")));
    }

    [Fact]
    public async Task Watch_reconnects_after_the_silo_restarts_and_follows_the_sweep_to_its_end()
    {
        var (silo, cluster) = SiloSettings();
        // Epochs of 2 s (a sweep of about 36 s): on a machine loaded by other tests the watch may join a third of the way
        // in and this test react seconds late, and the silo must still be killed with trials left to run.
        silo["SWEEPGRID_FakeExecutor__EpochDuration"] = "00:00:02";
        var spec = _temp.Combine("spec.yaml");
        await File.WriteAllTextAsync(spec, Spec);

        await using var first = await SiloProcess.StartReadyAsync(silo, Patience);
        var launch = await SweepGridProcess.RunAsync(["launch", spec, "--cluster", cluster]);
        Assert.True(launch.ExitCode == 0, launch.Stderr);
        var sweepId = launch.Stdout.Trim();
        // Watching from the launch on: on a loaded machine the checks below may take as long as the sweep does.
        await using var watch = RunningProcess.Start("sweepgrid.dll", ["watch", sweepId, "--cluster", cluster]);
        // The silo is listed from its first heartbeat on, which may come a moment after it is ready.
        var nodes = await SweepGridProcess.RunAsync(["nodes", "--cluster", cluster, "--json"]);
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); nodes.ExitCode == 0 && JsonDocument.Parse(nodes.Stdout).RootElement.GetArrayLength() == 0;
             nodes = await SweepGridProcess.RunAsync(["nodes", "--cluster", cluster, "--json"]))
        {
            Assert.True(waited.Elapsed < Patience, $"the silo was not listed within {Patience.TotalSeconds} s");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        Assert.True(nodes.ExitCode == 0, nodes.Stderr);
        var node = Assert.Single(JsonDocument.Parse(nodes.Stdout).RootElement.EnumerateArray());
        var device = Assert.Single(node.GetProperty("devices").EnumerateArray());
        Assert.Equal("cpu", device.GetProperty("device").GetString());
        Assert.Equal(1, device.GetProperty("slots").GetInt32());
        var list = await SweepGridProcess.RunAsync(["list", "--cluster", cluster, "--json"]);
        Assert.Equal(sweepId, Assert.Single(JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray()).GetProperty("sweep_id").GetString());

        await watch.WaitForLineAsync(l => l.StartsWith("completed", StringComparison.Ordinal), Patience);
        first.KillHard();
        await watch.WaitForLineAsync(l => l.Contains("connection lost", StringComparison.Ordinal), Patience);

        await using var second = SiloProcess.Start(silo);
        int exit;
        try
        {
            exit = await watch.WaitForExitAsync(Patience);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nthe restarted silo's output:\n{second.Output}", e);
        }

        Assert.True(exit == 0, watch.Output);
        Assert.Contains("connection restored", watch.Output);
        Assert.Contains("leaderboard of reconnect", watch.Output);
        var status = await SweepGridProcess.RunAsync(["status", sweepId, "--cluster", cluster, "--json"]);
        Assert.True(status.ExitCode == 0, status.Stderr);
        var json = JsonDocument.Parse(status.Stdout).RootElement;
        Assert.Equal("completed", json.GetProperty("state").GetString());
        Assert.Equal(6, json.GetProperty("completed").GetInt32());
    }


    public void Dispose() => _temp.Dispose();
}
