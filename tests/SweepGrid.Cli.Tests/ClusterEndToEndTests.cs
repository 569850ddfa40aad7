using System.Diagnostics;
using System.Text.Json;
using SweepGrid.TestData;
using Xunit.Abstractions;

namespace SweepGrid.Cli.Tests;

/// <summary>
/// A cluster as users run one across machines, on loopback: a real redis-server (clustering and grain storage),
/// three `sweepgrid-silo` processes training a Fashion-MNIST subset for real, and the CLI. One sweep lives through a
/// silo killed with SIGKILL mid-trial, Redis killed and restarted, and every process stopped and started again; it
/// must finish with every configuration completed exactly once, the killed trial resumed from its checkpoint, and the
/// same leaderboard as a run without faults.
/// </summary>
public sealed class ClusterEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private const string FashionMnist = "/usr/share/datasets/fashion-mnist";
    private const int Epochs = 4;
    private const int Trials = 12;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    // 3 optimizers × 2 learning rates × 2 dropouts; 18,000 training images a trial, a few seconds an epoch here.
    private static readonly string Spec = $$"""
        name: cluster-e2e
        dataset: {name: fashion-mnist, path: {{FashionMnist}}, train_limit: 20000, test_limit: 2000, validation_split: 0.1}
        training: {epochs: {{Epochs}}, batch_size: 64, seed: 11}
        method: grid
        metric: {name: val_accuracy, goal: maximize}
        parameters:
          optimizer: {values: [sgd, adam, rmsprop]}
          learning_rate: {values: [0.01, 0.001]}
          dropout: {values: [0.0, 0.2]}
        max_retries: 5
        """;

    private static readonly string[] SiloNames = ["silo-a", "silo-b", "silo-c"];

    private readonly TempFolder _temp = new("sweepgrid-e2e");
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, (int Silo, int Gateway)> _ports = SiloNames.ToDictionary(n => n, _ => LoopbackPorts.TwoFree());

    [Fact]
    public async Task A_sweep_across_three_silo_processes_survives_kill_9_a_redis_restart_and_a_full_stop()
    {
        Assert.True(File.Exists(Path.Combine(FashionMnist, "train-images-idx3-ubyte.gz")) || File.Exists(Path.Combine(FashionMnist, "train-images-idx3-ubyte")),
            $"Fashion-MNIST is not installed at {FashionMnist}: run scripts/provision.sh (apt-get install dataset-fashion-mnist)");
        var spec = _temp.Combine("spec.yaml");
        await File.WriteAllTextAsync(spec, Spec);
        var silos = new Dictionary<string, RunningProcess>();
        var watches = new List<RunningProcess>();
        await using var redis = await RedisServer.StartAsync(durable: true);
        var cluster = $"redis://127.0.0.1:{redis.Port}";
        try
        {
            await StartSilos(silos, redis);
            var launch = await SweepGridProcess.RunAsync(["launch", spec, "--cluster", cluster, "--json"]);
            Assert.True(launch.ExitCode == 0, launch.Stderr);
            var sweepId = JsonDocument.Parse(launch.Stdout).RootElement.GetProperty("sweep_id").GetString()!;
            var watch = StartWatch(watches, sweepId, cluster);

            // The faults come one right after the other, early in the sweep: how long the cluster takes to declare the killed
            // silo dead is a matter of Orleans' membership timeouts, not of this machine's speed, and trials that train
            // fast on a fast machine must not finish the sweep before the full stop is tried.
            // 1. kill -9 a silo while its trial is past its first epoch and at least one epoch from its end.
            var midTrial = Event(await watch.WaitForLineAsync(
                l => Event(l) is { Kind: "epoch_reported", Epoch: >= 1 and <= Epochs - 2, Silo: { } silo } && silos.ContainsKey(silo), Patience))!;
            silos[midTrial.Silo!].KillHard();
            Log($"killed {midTrial.Silo} (kill -9) while trial {midTrial.TrialId} was past epoch {midTrial.Epoch}");

            // 2. Redis dies (SIGKILL) and comes back after two seconds, with what it had acknowledged; trials go on finishing.
            var completedBefore = (await StatusAsync(sweepId, cluster)).GetProperty("completed").GetInt32();
            await redis.KillHardAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            await redis.RestartAsync();
            Log($"redis-server killed and restarted with {completedBefore} trials completed");
            var status = await StatusAsync(sweepId, cluster);
            for (var waited = Stopwatch.StartNew(); status.GetProperty("completed").GetInt32() <= completedBefore; status = await StatusAsync(sweepId, cluster))
            {
                Assert.True(waited.Elapsed < Patience, $"no trial completed within {Patience.TotalSeconds} s of the Redis restart: {status}");
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }

            Log($"after the Redis restart, {status.GetProperty("completed").GetInt32()} trials completed");

            // 3. Every process stops (SIGTERM) mid-sweep, and starts again.
            Assert.True(status.GetProperty("completed").GetInt32() < Trials, $"the sweep ended before the full stop could be tried: {status}");
            var exits = await Task.WhenAll(silos.Values.Where(s => s.IsRunning).Select(s => s.StopAsync(Patience)));
            Assert.All(exits, code => Assert.Equal(0, code));

            watch.KillHard();
            await redis.StopAsync();
            Log($"every process stopped with {status.GetProperty("completed").GetInt32()} of {Trials} trials completed");
            await redis.RestartAsync();
            await StartSilos(silos, redis);
            var last = StartWatch(watches, sweepId, cluster);
            var exit = await last.WaitForExitAsync(TimeSpan.FromMinutes(4));
            Assert.True(exit == 0, last.Output);
            Log("the sweep finished");

            // Every configuration completed exactly once, each with its whole history.
            status = await StatusAsync(sweepId, cluster);
            Assert.Equal("completed", status.GetProperty("state").GetString());
            Assert.Equal(Trials, status.GetProperty("completed").GetInt32());
            var folder = _temp.Combine("results");
            var results = await SweepGridProcess.RunAsync(["results", sweepId, "--cluster", cluster, "--out", folder]);
            Assert.True(results.ExitCode == 0, results.Stderr);
            var trials = File.ReadAllLines(Path.Combine(folder, "trials.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(Trials, trials.Count);
            Assert.Equal(Trials, trials.Select(t => t.GetProperty("trial_id").GetString()).Distinct().Count());
            Assert.Equal(Trials, trials.Select(t => t.GetProperty("config").GetRawText()).Distinct().Count());
            Assert.All(trials, t => Assert.Equal("completed", t.GetProperty("status").GetString()));
            Assert.All(trials, t => Assert.Equal(Enumerable.Range(1, Epochs), t.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32())));
            var events = watches.SelectMany(w => w.Output.Split('\n')).Select(Event).OfType<WatchEvent>().ToList();
            Assert.All(events.Where(e => e is { Kind: "trial_finished", Status: "completed" }).GroupBy(e => e.TrialId), g => Assert.Single(g));

            // The killed trial resumed from its checkpoint: no later attempt trained an epoch its first one had finished.
            var killed = trials.Single(t => t.GetProperty("trial_id").GetString() == midTrial.TrialId);
            Assert.True(killed.GetProperty("attempt").GetInt32() >= 2, killed.ToString());
            Assert.True(killed.GetProperty("resumed_after_epoch").GetInt32() >= midTrial.Epoch, killed.ToString());
            Assert.DoesNotContain(events, e => e.Kind == "epoch_reported" && e.TrialId == midTrial.TrialId && e.Attempt >= 2 && e.Epoch <= midTrial.Epoch);

            // The same leaderboard, to the last digit, as one process training the same spec without faults.
            var faulted = await LeaderboardAsync(["leaderboard", sweepId, "--cluster", cluster, "--json"]);
            await Task.WhenAll(silos.Values.Select(s => s.StopAsync(Patience)));
            var reference = await SweepGridProcess.RunAsync(["run", spec, "--results", _temp.Combine("reference"), "--slots", "cpu x2", "--json"], timeout: TimeSpan.FromMinutes(4));
            Assert.True(reference.ExitCode == 0, reference.Stderr);
            var clean = await LeaderboardAsync(["leaderboard", sweepId, "--results", _temp.Combine("reference"), "--json"]);
            Assert.Equal(clean, faulted);
            Log("the leaderboard equals the fault-free run's");
        }
        catch
        {
            foreach (var (name, silo) in silos)
            {
                output.WriteLine($"--- {name} (last lines)\n{string.Join('\n', silo.Output.Split('\n').TakeLast(40))}");
            }

            throw;
        }
        finally
        {
            foreach (var process in silos.Values.Concat(watches))
            {
                await process.DisposeAsync();
            }
        }
    }

    private async Task StartSilos(Dictionary<string, RunningProcess> silos, RedisServer redis)
    {
        foreach (var name in SiloNames)
        {
            if (silos.Remove(name, out var old))
            {
                await old.DisposeAsync();
            }

            silos[name] = SiloProcess.Start(SiloEnvironment(name, redis));
        }

        foreach (var (name, silo) in silos)
        {
            await SiloProcess.WaitReadyAsync(silo, Patience);
        }

        Log($"{silos.Count} silos up");
    }

    private Dictionary<string, string> SiloEnvironment(string name, RedisServer redis) => new()
    {
        ["SWEEPGRID_Cluster__Mode"] = "redis",
        ["SWEEPGRID_Cluster__SiloName"] = name,
        ["SWEEPGRID_Cluster__SiloPort"] = _ports[name].Silo.ToString(),
        ["SWEEPGRID_Cluster__GatewayPort"] = _ports[name].Gateway.ToString(),
        ["SWEEPGRID_Storage__Provider"] = "redis",
        ["SWEEPGRID_Redis__ConnectionString"] = redis.ConnectionString,
        ["SWEEPGRID_Workers__Slots"] = "cpu x1",
        // One folder all silos see, as a shared volume would be across machines.
        ["SWEEPGRID_Workers__CheckpointRoot"] = _temp.Combine("checkpoints"),
        ["SWEEPGRID_Dispatcher__LeaseTimeout"] = "00:00:05",
        ["SWEEPGRID_Logging__Folder"] = _temp.Combine("logs", name),
    };

    private static RunningProcess StartWatch(List<RunningProcess> watches, string sweepId, string cluster)
    {
        var watch = RunningProcess.Start("sweepgrid.dll", ["watch", sweepId, "--cluster", cluster, "--json"]);
        watches.Add(watch);
        return watch;
    }

    private static async Task<JsonElement> StatusAsync(string sweepId, string cluster)
    {
        var status = await SweepGridProcess.RunAsync(["status", sweepId, "--cluster", cluster, "--json"]);
        Assert.True(status.ExitCode == 0, status.Stderr);
        return JsonDocument.Parse(status.Stdout).RootElement.Clone();
    }

    /// <summary>Each leaderboard entry as trial id, value and every metric but the training speed (a measurement of the
    /// machine, not a result; the attempt that produced them differs by design too).</summary>
    private static async Task<List<string>> LeaderboardAsync(string[] arguments)
    {
        var read = await SweepGridProcess.RunAsync(arguments);
        Assert.True(read.ExitCode == 0, read.Stderr);
        return JsonDocument.Parse(read.Stdout).RootElement.GetProperty("entries").EnumerateArray()
            .Select(e => string.Join(' ', [e.GetProperty("trial_id").GetString(), e.GetProperty("value").GetRawText(),
                ..e.GetProperty("metrics").EnumerateObject().Where(m => m.Name != "samples_per_second").Select(m => $"{m.Name}={m.Value.GetRawText()}")]))
            .ToList();
    }

    private sealed record WatchEvent(string Kind, string? TrialId, int Attempt, string? Status, int Epoch, string? Silo);

    /// <summary>A `watch --json` event line, or null for anything else (progress lines on stderr).</summary>
    private static WatchEvent? Event(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        var e = JsonDocument.Parse(line).RootElement;
        return new WatchEvent(
            e.GetProperty("kind").GetString()!,
            e.GetProperty("trial_id").GetString(),
            e.GetProperty("attempt").GetInt32(),
            e.GetProperty("status").GetString(),
            e.GetProperty("epoch") is { ValueKind: JsonValueKind.Object } epoch ? epoch.GetProperty("epoch").GetInt32() : 0,
            e.GetProperty("silo").GetString());
    }

    private void Log(string message) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {message}");

    public void Dispose() => _temp.Dispose();
}
