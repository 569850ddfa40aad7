using System.Text.Json;
using SweepGrid.Client.Commands;
using SweepGrid.Client.Results;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;
using SweepGrid.Grains.Tests.Faults;
using SweepGrid.TestData;
using Xunit.Abstractions;

namespace SweepGrid.Grains.Tests;

/// <summary>
/// Whole sweeps through seeded random fault schedules: storage reads and writes that fail before or after they took
/// effect, grain calls that fail, lose their reply or come late, and a silo killed mid-sweep. After each: every
/// configuration completed exactly once, no attempt was charged to a trial (the stand-in trainer never fails on its
/// own), the sweep finished within a bound once the faults stopped, and the leaderboard, trials.jsonl and the trial
/// grains agree. A seed that ever fails gets its own line here.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output) : IDisposable
{
    private const int Trials = 24;
    private const int Epochs = 3;
    private static readonly TimeSpan FaultWindow = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FinishBound = TimeSpan.FromSeconds(60);

    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(6, true)]
    [InlineData(7, false)]
    public async Task A_sweep_under_random_faults_completes_every_configuration_exactly_once(int seed, bool killASilo)
    {
        var log = new MemoryLoggerProvider();
        var faults = new FaultSchedule(seed) { StorageRate = 0.1, CallRate = 0.06, Budget = 60 };
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path, new ClusterSettings
        {
            Silos = 3,
            Slots = "cpu x2",
            EpochDuration = TimeSpan.FromMilliseconds(100),
            LeaseTimeout = TimeSpan.FromSeconds(2),
            ResyncInterval = TimeSpan.FromSeconds(2),
            ClusterPatience = TimeSpan.FromSeconds(10),
            Faults = faults,
            Log = log,
        });

        faults.Active = true;
        var spec = Specs.Small($"chaos-{seed}", trials: Trials, epochs: Epochs, maxRetries: 1, maxConcurrent: 4);
        var status = await LaunchPatiently(cluster, spec);
        var finished = new Dictionary<string, int>();
        var watching = Task.Run(() => cluster.WaitForSweepAsync(status.SweepId, 2 * FaultWindow + FinishBound, e =>
        {
            if (e.Kind == SweepEventKind.TrialFinished && e.TrialId is { } id)
            {
                lock (finished)
                {
                    finished[id] = finished.GetValueOrDefault(id) + 1;
                }
            }

            return Task.CompletedTask;
        }));

        // Faults for the first two thirds of the sweep (a silo killed at one third); the last third runs after they stop.
        await WaitForFinished(cluster, status.SweepId, Trials / 3, FaultWindow);
        if (killASilo)
        {
            await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos[^1]);
        }

        await WaitForFinished(cluster, status.SweepId, 2 * Trials / 3, FaultWindow);
        faults.Active = false;
        var quiet = System.Diagnostics.Stopwatch.StartNew();
        var done = await WaitForCompletion(cluster, status.SweepId, FinishBound);
        output.WriteLine($"seed {seed}: {faults.Injected.Count} faults ({faults.Count("storage")} storage, {faults.Count("call")} calls), " +
                         $"{(killASilo ? "a silo killed, " : "")}finished {quiet.Elapsed.TotalSeconds:0.0} s after the faults stopped");
        foreach (var fault in faults.Injected.GroupBy(f => (f.Where, f.Kind)).OrderBy(g => g.Key.Where))
        {
            output.WriteLine($"  {fault.Key.Where} {fault.Key.Kind}: {fault.Count()}");
        }

        var trials = await cluster.Sweeps.TrialsAsync(status.SweepId);
        if (done.State != SweepState.Completed)
        {
            var stats = await cluster.Client.GetGrain<Contracts.Dispatch.IDispatcherGrain>(Contracts.Dispatch.IDispatcherGrain.Key).GetStats();
            var work = await cluster.Client.GetGrain<ISweepGrain>(status.SweepId).Resync(false);
            var open = trials.Where(t => !t.Status.IsTerminal()).Select(t => t.TrialId).Concat(work?.Running.Select(r => r.TrialId) ?? []).ToHashSet();
            foreach (var line in log.Lines.Where(l => open.Any(id => l.Contains(id, StringComparison.Ordinal)) || l.Contains("Timer", StringComparison.Ordinal) || l.Contains("Error", StringComparison.Ordinal)).Take(200))
            {
                output.WriteLine(line);
            }

            Assert.Fail($"seed {seed}: the sweep did not finish within {FinishBound} of the faults stopping: {done}; dispatcher {stats}; " +
                $"the sweep's view: {work?.Running.Count} running ({string.Join(", ", work?.Running.Select(r => r.TrialId) ?? [])}), {work?.Queued.Count} queued; open trials: " +
                string.Join("; ", trials.Where(t => !t.Status.IsTerminal()).Select(t => $"{t.TrialId} {t.Status} attempt {t.Attempt} on {t.Silo} ({t.Reason})")));
        }

        Assert.Equal(Trials, trials.Count);
        Assert.All(trials, t =>
        {
            Assert.True(t.Status == TrialStatus.Completed, $"{t.TrialId}: {t.Status} ({t.Reason})");
            Assert.True(t.Failures == 0, $"{t.TrialId} was charged {t.Failures} failed attempts for faults of the infrastructure ({t.Reason})");
            Assert.Equal(Enumerable.Range(1, Epochs), t.History.Select(h => h.Epoch));
        });

        var board = await cluster.Sweeps.LeaderboardAsync(status.SweepId, 100);
        Assert.Equal(trials.Select(t => t.TrialId).Order(), board.Select(e => e.TrialId).Order());
        Assert.All(board, e => Assert.Equal(trials.Single(t => t.TrialId == e.TrialId).Metrics!.ValAccuracy, e.Value));

        var results = (await SweepReport.CollectAsync(cluster.Sweeps, status.SweepId)).Results;
        var written = ResultsWriter.Write(_temp.Combine($"results-{seed}"), results);
        var lines = File.ReadAllLines(written.PathOf("trials.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(trials.Select(t => (t.TrialId, "completed")).Order(), lines.Select(l => (l.GetProperty("trial_id").GetString()!, l.GetProperty("status").GetString()!)).Order());

        // A watcher that reconnected to a finished sweep learns it from the snapshot it is sent instead of the event.
        var events = await watching;
        Assert.Contains(events, e => e.Kind == SweepEventKind.SweepFinished || e is { Kind: SweepEventKind.Snapshot, Sweep.State: SweepState.Completed });
        lock (finished)
        {
            Assert.All(finished, f => Assert.True(f.Value == 1, $"trial {f.Key} finished {f.Value} times"));
        }
    }

    /// <summary>Launches as a user would who reruns a command that failed: again, until it answers.</summary>
    private static async Task<SweepStatus> LaunchPatiently(OrchestrationCluster cluster, string spec)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await cluster.Sweeps.LaunchAsync(spec);
            }
            catch (Exception) when (tries < 20)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Waits until the sweep has finished at least <paramref name="count"/> trials, or the time is up.</summary>
    private static async Task WaitForFinished(OrchestrationCluster cluster, string sweepId, int count, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                if ((await cluster.Sweeps.StatusAsync(sweepId)).Finished >= count)
                {
                    return;
                }
            }
            catch (Exception)
            {
                // An injected fault, or a killed silo not yet declared dead: ask again.
            }

            await Task.Delay(100);
        }
    }

    private static async Task<SweepStatus> WaitForCompletion(OrchestrationCluster cluster, string sweepId, TimeSpan bound)
    {
        var deadline = DateTimeOffset.UtcNow + bound;
        SweepStatus? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                last = await cluster.Sweeps.StatusAsync(sweepId);
                if (last.State != SweepState.Running)
                {
                    return last;
                }
            }
            catch (Exception) when (DateTimeOffset.UtcNow < deadline)
            {
                // A killed silo's grains answer only once the cluster has declared it dead.
            }

            await Task.Delay(250);
        }

        return last ?? await cluster.Sweeps.StatusAsync(sweepId);
    }

    public void Dispose() => _temp.Dispose();
}
