using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;
using SweepGrid.Silo.Workers;
using SweepGrid.TestData;

namespace SweepGrid.Grains.Tests;

/// <summary>Early stopping wired through the grains: the fake executor's learning curves keep the order of each
/// configuration's final quality, so the policy's choices can be checked against it.</summary>
public sealed class EarlyStoppingTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly TempFolder _temp = new("sweepgrid-early");

    private static string Spec(string name, string earlyTerminate, int epochs = 9, int maxConcurrent = 8) =>
        Specs.Grid27(name, epochs, maxConcurrent, more: $"early_terminate: {earlyTerminate}");

    [Fact]
    public async Task Asha_pauses_trials_at_rungs_promotes_the_best_from_their_checkpoints_and_prunes_the_rest()
    {
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path, new ClusterSettings { Silos = 2, EpochDuration = TimeSpan.FromMilliseconds(30) });
        var status = await cluster.Sweeps.LaunchAsync(Spec("asha", "{type: asha, min_iter: 1, eta: 3}"));
        var events = await cluster.WaitForSweepAsync(status.SweepId, Patience);

        var trials = await cluster.TrialsAsync(status.SweepId);
        Assert.Equal(27, trials.Count);
        Assert.All(trials, t => Assert.True(t.Status is TrialStatus.Completed or TrialStatus.Pruned, $"{t.TrialId} ended {t.Status}: {t.Reason}"));
        Assert.All(trials, t => Assert.Equal(0, t.Failures));
        // Rungs at epochs 1 and 3 of 9: far fewer epochs than 27 × 9, and none trained twice (promotions resume from the
        // checkpoint of the rung), so the epochs run are exactly the epochs in the trials' histories.
        var histories = trials.Sum(t => t.History.Count);
        Assert.Equal(histories, cluster.EpochsRun);
        // A synchronous halving would train 63 (26 %); promoting asynchronously, as trials reach their rungs, trains a
        // few more, depending on the order they arrive in (bench/RESULTS.md records a real run's share).
        Assert.True(histories <= 0.5 * 27 * 9, $"{histories} epochs of {27 * 9}");
        Assert.All(trials, t => Assert.Equal(Enumerable.Range(1, t.History.Count), t.History.Select(h => h.Epoch)));
        Assert.All(trials.Where(t => t.Status == TrialStatus.Pruned), t => Assert.Contains(t.History.Count, new[] { 1, 3 }));
        Assert.Contains(trials, t => t.Status == TrialStatus.Completed && t.ResumedAfterEpoch == 3);

        // The best configuration trained to its end and leads the leaderboard; pruned trials rank after every completed one.
        var best = trials.MaxBy(t => FakeTrialExecutor.Quality(t.Config!))!;
        Assert.Equal(TrialStatus.Completed, best.Status);
        var board = await cluster.Sweeps.LeaderboardAsync(status.SweepId, 100);
        Assert.Equal(best.TrialId, board[0].TrialId);
        Assert.Equal(27, board.Count);
        var completed = trials.Count(t => t.Status == TrialStatus.Completed);
        Assert.All(board.Take(completed), e => Assert.False(e.Pruned));
        Assert.All(board.Skip(completed), e => Assert.True(e.Pruned));

        var final = await cluster.Sweeps.StatusAsync(status.SweepId);
        Assert.Equal((SweepState.Completed, completed, 27 - completed, 0), (final.State, final.Completed, final.Pruned, final.Paused));
        Assert.Contains(events, e => e.Kind == SweepEventKind.TrialPaused);
    }

    [Fact]
    public async Task Asha_decisions_survive_a_silo_killed_mid_sweep_and_every_trial_still_ends_once()
    {
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path,
            new ClusterSettings { Silos = 3, EpochDuration = TimeSpan.FromMilliseconds(60), LeaseTimeout = TimeSpan.FromSeconds(2) });
        var victim = cluster.Cluster.Silos[2];
        var status = await cluster.Sweeps.LaunchAsync(Spec("asha-kill", "{type: asha, min_iter: 1, eta: 3}"));
        var killed = false;
        var paused = 0;
        await cluster.WaitForSweepAsync(status.SweepId, Patience, async e =>
        {
            paused += e.Kind == SweepEventKind.TrialPaused ? 1 : 0;
            // Once trials are paused and promoted ones train: the dead silo may hold the sweep, paused trials and promotions.
            if (!killed && paused >= 6 && e.Kind == SweepEventKind.EpochReported && e.Silo is { } silo && silo.Contains(victim.Name, StringComparison.Ordinal))
            {
                killed = true;
                await cluster.Cluster.KillSiloAsync(victim);
            }
        });

        Assert.True(killed, "no trial trained on the silo to kill once trials were paused");
        var trials = await cluster.TrialsAsync(status.SweepId);
        Assert.All(trials, t => Assert.True(t.Status is TrialStatus.Completed or TrialStatus.Pruned, $"{t.TrialId} ended {t.Status}: {t.Reason}"));
        Assert.All(trials, t => Assert.Equal(0, t.Failures));
        Assert.All(trials, t => Assert.Equal(Enumerable.Range(1, t.History.Count), t.History.Select(h => h.Epoch)));
        // A pause the faults kept from its trial grain is decided again at the attempt's next report: one epoch past the rung.
        Assert.All(trials.Where(t => t.Status == TrialStatus.Pruned), t => Assert.Contains(t.History.Count, new[] { 1, 2, 3, 4 }));
        Assert.Equal(TrialStatus.Completed, trials.MaxBy(t => FakeTrialExecutor.Quality(t.Config!))!.Status);
        var board = await cluster.Sweeps.LeaderboardAsync(status.SweepId, 100);
        Assert.Equal(trials.Select(t => t.TrialId).Order(), board.Select(e => e.TrialId).Order());
    }

    [Fact]
    public async Task Paused_trials_and_decisions_survive_a_whole_cluster_restart_on_the_same_sqlite_file()
    {
        var settings = new ClusterSettings { Silos = 2, EpochDuration = TimeSpan.FromMilliseconds(60), LeaseTimeout = TimeSpan.FromSeconds(2) };
        string sweepId;
        await using (var before = await OrchestrationCluster.StartAsync(_temp.Path, settings))
        {
            sweepId = (await before.Sweeps.LaunchAsync(Spec("asha-restart", "{type: asha, min_iter: 1, eta: 3}"))).SweepId;
            using var stop = new CancellationTokenSource(Patience);
            var paused = 0;
            await foreach (var e in before.Sweeps.WatchAsync(sweepId, 0, stop.Token))
            {
                if (e.Kind == SweepEventKind.TrialPaused && ++paused == 10)
                {
                    break;
                }
            }

            Assert.True((await before.Sweeps.StatusAsync(sweepId)).Paused > 0);
        }

        await using var after = await OrchestrationCluster.StartAsync(_temp.Path, settings);
        await after.WaitForSweepAsync(sweepId, Patience);

        var trials = await after.TrialsAsync(sweepId);
        Assert.All(trials, t => Assert.True(t.Status is TrialStatus.Completed or TrialStatus.Pruned, $"{t.TrialId} ended {t.Status}: {t.Reason}"));
        Assert.All(trials, t => Assert.Equal(0, t.Failures));
        // A pause the faults kept from its trial grain is decided again at the attempt's next report: one epoch past the rung.
        Assert.All(trials.Where(t => t.Status == TrialStatus.Pruned), t => Assert.Contains(t.History.Count, new[] { 1, 2, 3, 4 }));
        Assert.Equal(TrialStatus.Completed, trials.MaxBy(t => FakeTrialExecutor.Quality(t.Config!))!.Status);
        Assert.True(trials.Sum(t => t.History.Count) <= 0.6 * 27 * 9, $"{trials.Sum(t => t.History.Count)} epochs of {27 * 9}");
    }

    [Fact]
    public async Task Median_stopping_prunes_trials_below_the_median_of_completed_ones_once_three_completed()
    {
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path, new ClusterSettings { Silos = 1, Slots = "cpu x1", EpochDuration = TimeSpan.FromMilliseconds(20) });
        // One trial at a time: the first three complete, each later one is judged against those completed before it.
        var status = await cluster.Sweeps.LaunchAsync(Spec("median", "{type: median, min_iter: 1}", epochs: 4, maxConcurrent: 1));
        await cluster.WaitForSweepAsync(status.SweepId, Patience);

        var trials = await cluster.TrialsAsync(status.SweepId);
        var pruned = trials.Where(t => t.Status == TrialStatus.Pruned).ToList();
        Assert.NotEmpty(pruned);
        Assert.All(pruned, t =>
        {
            Assert.Single(t.History);
            Assert.Contains("is below the median", t.Reason);
            Assert.Equal(t.History[0].ValidationAccuracy, t.Metrics!.ValAccuracy);
        });
        Assert.All(trials, t => Assert.True(t.Status is TrialStatus.Completed or TrialStatus.Pruned, $"{t.TrialId} ended {t.Status}"));
        Assert.Equal(trials.Sum(t => t.History.Count), cluster.EpochsRun);
        var weakestCompleted = trials.Where(t => t.Status == TrialStatus.Completed).Min(t => FakeTrialExecutor.Quality(t.Config!));
        Assert.Contains(pruned, t => FakeTrialExecutor.Quality(t.Config!) < trials.Where(c => c.Status == TrialStatus.Completed).Max(c => FakeTrialExecutor.Quality(c.Config!)));
        Assert.True(trials.Count(t => t.Status == TrialStatus.Completed) >= 3, $"weakest completed {weakestCompleted}");
    }

    public void Dispose() => _temp.Dispose();
}
