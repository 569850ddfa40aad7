using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;
using SweepGrid.Silo.Workers;
using SweepGrid.TestData;

namespace SweepGrid.Grains.Tests;

public sealed class SweepGridTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempFolder _temp = new("sweepgrid-cluster");

    [Fact]
    public async Task A_27_trial_grid_runs_every_configuration_exactly_once()
    {
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path, new ClusterSettings { Silos = 2 });

        var status = await cluster.Sweeps.LaunchAsync(Specs.Grid27());
        Assert.Equal(27, status.Total);
        var events = await cluster.WaitForSweepAsync(status.SweepId, Patience);

        var final = await cluster.Sweeps.StatusAsync(status.SweepId);
        Assert.Equal(SweepState.Completed, final.State);
        Assert.Equal(27, final.Completed);
        var trials = await cluster.TrialsAsync(status.SweepId);
        Assert.Equal(27, trials.Select(t => t.TrialId).Distinct().Count());
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialStatus.Completed, t.Status);
            Assert.Equal(1, t.Attempt);
            Assert.Equal([1, 2, 3], t.History.Select(h => h.Epoch));
        });
        Assert.Equal(27 * 3, cluster.EpochsRun);
        var finished = events.Where(e => e.Kind == SweepEventKind.TrialFinished).Select(e => e.TrialId).ToList();
        Assert.Equal(27, finished.Count);
        Assert.Equal(27, finished.Distinct().Count());

        var board = await cluster.Sweeps.LeaderboardAsync(status.SweepId, 100);
        Assert.Equal(27, board.Count);
        var expected = trials.OrderByDescending(t => FakeTrialExecutor.Quality(t.Config!)).ThenBy(t => t.TrialId, StringComparer.Ordinal).Select(t => t.TrialId);
        Assert.Equal(expected, board.Select(e => e.TrialId));
    }

    [Fact]
    public async Task Launching_the_same_spec_again_reaches_the_same_sweep_and_runs_nothing_twice()
    {
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path, new ClusterSettings { Silos = 2 });

        var launches = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => cluster.Sweeps.LaunchAsync(Specs.Grid27())));
        Assert.Single(launches.Select(l => l.SweepId).Distinct());
        await cluster.WaitForSweepAsync(launches[0].SweepId, Patience);
        var again = await cluster.Sweeps.LaunchAsync(Specs.Grid27());

        Assert.Equal(launches[0].SweepId, again.SweepId);
        Assert.Equal(SweepState.Completed, again.State);
        Assert.Equal(27, again.Completed);
        Assert.Equal(27 * 3, cluster.EpochsRun);
        Assert.NotEqual(again.SweepId, (await cluster.Sweeps.LaunchAsync(Specs.Grid27(epochs: 2))).SweepId);
    }

    [Fact]
    public async Task Killing_a_silo_mid_sweep_loses_and_duplicates_nothing()
    {
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path,
            new ClusterSettings { Silos = 3, EpochDuration = TimeSpan.FromMilliseconds(150), LeaseTimeout = TimeSpan.FromSeconds(2) });
        var victim = cluster.Cluster.Silos[2];
        var victimName = victim.SiloAddress.ToString();

        var status = await cluster.Sweeps.LaunchAsync(Specs.Grid27(epochs: 4));
        var killed = false;
        var events = await cluster.WaitForSweepAsync(status.SweepId, Patience, async e =>
        {
            if (!killed && e.Kind == SweepEventKind.EpochReported && e.Silo is { } silo && silo.Contains(victim.Name, StringComparison.Ordinal))
            {
                killed = true;
                await cluster.Cluster.KillSiloAsync(victim);
            }
        });

        Assert.True(killed, $"no trial ran on {victimName}");
        var trials = await cluster.TrialsAsync(status.SweepId);
        Assert.All(trials, t => Assert.Equal(TrialStatus.Completed, t.Status));
        // The sweep grain may have lived on the killed silo: the watcher then reconnects and gets a snapshot.
        var finished = events.Where(e => e.Kind == SweepEventKind.TrialFinished).Select(e => e.TrialId!).ToList();
        Assert.Equal(finished.Count, finished.Distinct().Count());
        var seenFinished = finished.Concat(events.Where(e => e.Kind == SweepEventKind.Snapshot)
            .SelectMany(e => e.Trials!.Where(t => t.Status == TrialStatus.Completed).Select(t => t.TrialId))).Distinct().Count();
        Assert.Equal(27, seenFinished);
        Assert.Contains(trials, t => t.Attempt > 1);
        Assert.All(trials, t => Assert.Equal([1, 2, 3, 4], t.History.Select(h => h.Epoch)));
        // The killed trial resumed from its first attempt's checkpoint; each trial completed with its own attempt's
        // checkpoint, and the folders of the attempts before it are gone.
        Assert.Contains(trials, t => t.Attempt > 1 && t.ResumedAfterEpoch >= 1);
        Assert.All(trials, t =>
        {
            var trialFolder = Path.Combine(_temp.Path, "checkpoints", t.SweepId, t.TrialId);
            Assert.Equal(Path.Combine(trialFolder, $"attempt-{t.Attempt}", "fake-checkpoint.txt"), t.CheckpointPath);
            Assert.Equal([$"attempt-{t.Attempt}"], Directory.GetDirectories(trialFolder).Select(Path.GetFileName));
        });

        var board = await cluster.Sweeps.LeaderboardAsync(status.SweepId, 100);
        var expected = trials.OrderByDescending(t => FakeTrialExecutor.Quality(t.Config!)).ThenBy(t => t.TrialId, StringComparer.Ordinal).Select(t => t.TrialId);
        Assert.Equal(expected, board.Select(e => e.TrialId));
    }

    [Fact]
    public async Task Stopping_a_silo_gracefully_hands_its_running_trials_back_at_once()
    {
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path,
            new ClusterSettings { Silos = 2, EpochDuration = TimeSpan.FromMilliseconds(200), LeaseTimeout = TimeSpan.FromMinutes(5) });
        var leaving = cluster.Cluster.Silos[1];
        var status = await cluster.Sweeps.LaunchAsync(Specs.Small("graceful", trials: 6, epochs: 8));

        var stopped = false;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await cluster.WaitForSweepAsync(status.SweepId, TimeSpan.FromSeconds(90), async e =>
        {
            if (!stopped && e.Kind == SweepEventKind.EpochReported && e.Silo is { } silo && silo.Contains(leaving.Name, StringComparison.Ordinal))
            {
                stopped = true;
                await cluster.Cluster.StopSiloAsync(leaving);
            }
        });

        Assert.True(stopped);
        // Far sooner than the five-minute lease timeout: nothing waited for a lease to expire.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        // The watcher may have reconnected to a snapshot (the sweep grain can live on the leaving silo), so the
        // hand-back is read from the trials themselves: a second attempt that cost no retry.
        var trials = await cluster.TrialsAsync(status.SweepId);
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialStatus.Completed, t.Status);
            Assert.Equal(0, t.Failures);
            Assert.Equal(Enumerable.Range(1, 8), t.History.Select(h => h.Epoch));
        });
        Assert.Contains(trials, t => t.Attempt == 2);
    }

    [Fact]
    public async Task A_slot_keeps_renewing_the_lease_of_each_trial_it_runs_even_when_an_epoch_outlasts_the_lease_timeout()
    {
        // One slot, one heartbeat for all its trials: each trial's only epoch lasts longer than the lease timeout,
        // and the final epoch is not reported before completion, so only the heartbeat keeps each lease alive.
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path,
            new ClusterSettings { Silos = 1, Slots = "cpu x1", EpochDuration = TimeSpan.FromMilliseconds(1500), LeaseTimeout = TimeSpan.FromSeconds(1) });
        var status = await cluster.Sweeps.LaunchAsync(Specs.Small("renewed", trials: 3, epochs: 1, maxRetries: 0));

        await cluster.WaitForSweepAsync(status.SweepId, Patience);

        var trials = await cluster.TrialsAsync(status.SweepId);
        Assert.All(trials, t => Assert.Equal((TrialStatus.Completed, 1, 0), (t.Status, t.Attempt, t.Failures)));
    }

    [Fact]
    public async Task A_slot_asking_for_its_next_lease_before_settling_still_runs_one_trial_at_a_time_under_max_concurrent_trials_1()
    {
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path,
            new ClusterSettings { Silos = 1, Slots = "cpu x2", EpochDuration = TimeSpan.FromMilliseconds(30) });
        var status = await cluster.Sweeps.LaunchAsync(Specs.Small("one-at-a-time", trials: 8, epochs: 2, maxConcurrent: 1));

        await cluster.WaitForSweepAsync(status.SweepId, Patience);

        // A trial starts only after the one before it finished: its lease was granted after the last one's release.
        var trials = (await cluster.TrialsAsync(status.SweepId)).OrderBy(t => t.StartedAt).ToList();
        Assert.Equal(8, trials.Count(t => t.Status == TrialStatus.Completed));
        Assert.All(trials.Zip(trials.Skip(1)), pair => Assert.True(pair.Second.StartedAt > pair.First.FinishedAt,
            $"{pair.Second.TrialId} started at {pair.Second.StartedAt:O}, before {pair.First.TrialId} finished at {pair.First.FinishedAt:O}"));
    }

    [Fact]
    public async Task Cancelling_a_sweep_stops_its_trials_and_starts_no_more()
    {
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path,
            new ClusterSettings { Silos = 1, Slots = "cpu x2", EpochDuration = TimeSpan.FromMilliseconds(200) });

        var status = await cluster.Sweeps.LaunchAsync(Specs.Grid27(epochs: 20));
        var cancelled = false;
        var events = await cluster.WaitForSweepAsync(status.SweepId, Patience, async e =>
        {
            if (!cancelled && e.Kind == SweepEventKind.EpochReported)
            {
                cancelled = true;
                await cluster.Sweeps.CancelAsync(status.SweepId);
            }
        });

        var final = await cluster.Sweeps.StatusAsync(status.SweepId);
        Assert.Equal(SweepState.Cancelled, final.State);
        Assert.Equal(27, final.Cancelled);
        Assert.Equal(0, final.Completed);
        var trials = await cluster.TrialsAsync(status.SweepId);
        Assert.True(trials.Count(t => t.Attempt > 0) <= 2, "only the trials already running had started");
        Assert.Equal(SweepEventKind.SweepFinished, events[^1].Kind);
    }

    [Fact]
    public async Task A_watcher_that_reconnects_resumes_after_the_last_event_it_saw()
    {
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path, new ClusterSettings { Silos = 1, Slots = "cpu x1" });
        var status = await cluster.Sweeps.LaunchAsync(Specs.Small("watch", trials: 4, epochs: 3));

        var first = new List<SweepEvent>();
        await foreach (var e in cluster.Sweeps.WatchAsync(status.SweepId))
        {
            first.Add(e);
            if (first.Count == 5)
            {
                break;
            }
        }

        var rest = new List<SweepEvent>();
        await foreach (var e in cluster.Sweeps.WatchAsync(status.SweepId, first[^1].Sequence))
        {
            rest.Add(e);
        }

        Assert.Equal(SweepEventKind.Snapshot, first[0].Kind);
        Assert.DoesNotContain(rest, e => e.Kind == SweepEventKind.Snapshot);
        var all = first.Skip(1).Concat(rest).ToList();
        Assert.Equal(all.Select(e => e.Sequence).Order(), all.Select(e => e.Sequence));
        Assert.Equal(all.Count, all.Select(e => e.Sequence).Distinct().Count());
        Assert.Equal(4, all.Count(e => e.Kind == SweepEventKind.TrialFinished) + first[0].Trials!.Count(t => t.Status.IsTerminal()));
        Assert.Equal(SweepEventKind.SweepFinished, rest[^1].Kind);
    }

    [Fact]
    public async Task A_watcher_that_reads_more_slowly_than_the_sweep_writes_gets_the_whole_state_again_and_sees_the_end()
    {
        // The sweep keeps its last 10 events; 8 trials of 3 epochs write about 40 while the watcher reads nothing.
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path, new ClusterSettings { Silos = 1, Slots = "cpu x2", RetainedEvents = 10 });
        var status = await cluster.Sweeps.LaunchAsync(Specs.Small("slow-watch", trials: 8, epochs: 3));

        var events = await cluster.WaitForSweepAsync(status.SweepId, TimeSpan.FromMinutes(1), async e =>
        {
            if (e.Kind == SweepEventKind.Snapshot && e.Sweep?.State != SweepState.Completed)
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
                while ((await cluster.Sweeps.StatusAsync(status.SweepId)).State != SweepState.Completed)
                {
                    await Task.Delay(50, limit.Token);
                }
            }
        });

        var snapshots = events.Where(e => e.Kind == SweepEventKind.Snapshot).ToList();
        Assert.True(snapshots.Count >= 2, $"the watcher fell behind the kept events and was sent {snapshots.Count} snapshot(s)");
        // The stream ends with the sweep's end: its SweepFinished event, or a whole state that says completed.
        Assert.Equal(SweepState.Completed, events[^1].Sweep?.State);
        var completed = snapshots[^1].Trials!.Where(t => t.Status == TrialStatus.Completed).Select(t => t.TrialId)
            .Concat(events.SkipWhile(e => e != snapshots[^1]).Where(e => e.Kind == SweepEventKind.TrialFinished && e.Status == TrialStatus.Completed).Select(e => e.TrialId!))
            .ToHashSet();
        Assert.Equal(8, completed.Count);
    }

    [Fact]
    public async Task A_watcher_that_opens_a_running_sweep_misses_no_epoch_reported_while_its_snapshot_is_gathered()
    {
        // Each trial grain answers its snapshot 300 ms after reading it, while two slots report an epoch every 40 ms: epochs
        // are reported between the trials' snapshots being read and the whole state being sent.
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path, new ClusterSettings
        {
            Silos = 1,
            Slots = "cpu x2",
            EpochDuration = TimeSpan.FromMilliseconds(40),
            SlowTrialSnapshots = TimeSpan.FromMilliseconds(300),
        });
        var status = await cluster.Sweeps.LaunchAsync(Specs.Small("late-watch", trials: 6, epochs: 12));
        await foreach (var e in cluster.Sweeps.WatchAsync(status.SweepId))
        {
            if (e.Kind == SweepEventKind.EpochReported)
            {
                break;
            }
        }

        // A second watcher opens the running sweep: its snapshot and the events after it must hold every epoch.
        var events = await cluster.WaitForSweepAsync(status.SweepId, TimeSpan.FromMinutes(1));
        var snapshot = events[0];
        Assert.Equal(SweepEventKind.Snapshot, snapshot.Kind);
        Assert.Contains(snapshot.Trials!, t => t.Status == TrialStatus.Running);
        var epochs = snapshot.Trials!.ToDictionary(t => t.TrialId, t => t.History.Select(h => h.Epoch).ToHashSet());
        foreach (var e in events.Where(e => e.Kind == SweepEventKind.EpochReported))
        {
            epochs[e.TrialId!].Add(e.Epoch!.Epoch);
        }

        Assert.All(epochs, trial => Assert.True(trial.Value.SetEquals(Enumerable.Range(1, 12)),
            $"trial {trial.Key}: the watcher saw epochs {string.Join(", ", trial.Value.Order())} of 1..12"));
    }

    [Fact]
    public Task Restarting_the_whole_cluster_on_the_same_sqlite_file_keeps_results_and_finishes_the_sweep() =>
        RestartWholeCluster(redis: null);

    [Fact]
    public async Task Restarting_the_whole_cluster_on_the_same_redis_keeps_results_and_finishes_the_sweep()
    {
        await using var redis = await RedisServer.StartAsync();
        await RestartWholeCluster(redis.ConnectionString);
    }

    private async Task RestartWholeCluster(string? redis)
    {
        string sweepId;
        HashSet<string> finishedBefore;
        await using (var before = await OrchestrationCluster.StartAsync(_temp.Path,
                         new ClusterSettings { Silos = 2, EpochDuration = TimeSpan.FromMilliseconds(100), LeaseTimeout = TimeSpan.FromSeconds(2), Redis = redis }))
        {
            var status = await before.Sweeps.LaunchAsync(Specs.Grid27(epochs: 3));
            sweepId = status.SweepId;
            finishedBefore = [];
            using var stop = new CancellationTokenSource(Patience);
            await foreach (var e in before.Sweeps.WatchAsync(sweepId, 0, stop.Token))
            {
                if (e.Kind == SweepEventKind.TrialFinished)
                {
                    finishedBefore.Add(e.TrialId!);
                    if (finishedBefore.Count == 9)
                    {
                        break;
                    }
                }
            }

            var leaderboardBefore = await before.Sweeps.LeaderboardAsync(sweepId, 100);
            Assert.True(leaderboardBefore.Count >= 9);
        }

        await using var after = await OrchestrationCluster.StartAsync(_temp.Path,
            new ClusterSettings { Silos = 2, EpochDuration = TimeSpan.FromMilliseconds(100), LeaseTimeout = TimeSpan.FromSeconds(2), Redis = redis });
        await after.WaitForSweepAsync(sweepId, Patience);

        var final = await after.Sweeps.StatusAsync(sweepId);
        Assert.Equal(SweepState.Completed, final.State);
        Assert.Equal(27, final.Completed);
        var trials = await after.TrialsAsync(sweepId);
        Assert.All(trials.Where(t => finishedBefore.Contains(t.TrialId)), t => Assert.Equal(1, t.Attempt));
        Assert.True(after.EpochsRun <= (27 - finishedBefore.Count) * 3, $"the restarted cluster ran {after.EpochsRun} epochs for {27 - finishedBefore.Count} unfinished trials");
        Assert.Equal(27, (await after.Sweeps.LeaderboardAsync(sweepId, 100)).Count);
    }

    public void Dispose() => _temp.Dispose();
}
