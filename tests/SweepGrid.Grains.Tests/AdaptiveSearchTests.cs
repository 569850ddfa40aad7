using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;
using SweepGrid.Silo.Workers;
using SweepGrid.TestData;

namespace SweepGrid.Grains.Tests;

/// <summary>TPE wired through the sweep grain: trials are suggested as slots free, within the budget, exactly once.</summary>
public sealed class AdaptiveSearchTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly TempFolder _temp = new("sweepgrid-tpe");

    private static string Spec(int count, string extra = "") => $$"""
        name: tpe
        dataset: {name: fashion-mnist}
        training: {epochs: 3, batch_size: 64, seed: 1}
        method: tpe
        count: {{count}}
        seed: 5
        metric: {name: val_accuracy, goal: maximize}
        parameters:
          optimizer: {values: [sgd, adam, rmsprop]}
          learning_rate: {distribution: log_uniform, min: 0.0001, max: 0.1}
          dropout: {distribution: uniform, min: 0.0, max: 0.5}
        {{extra}}
        """;

    [Fact]
    public async Task A_tpe_sweep_runs_its_budget_of_distinct_trials_and_a_relaunch_runs_nothing_more()
    {
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path, new ClusterSettings { Silos = 2, EpochDuration = TimeSpan.FromMilliseconds(20) });
        var launched = await cluster.Sweeps.LaunchAsync(Spec(24));
        Assert.Equal(24, launched.Total);
        await cluster.WaitForSweepAsync(launched.SweepId, Patience);

        var trials = await cluster.TrialsAsync(launched.SweepId);
        Assert.Equal(24, trials.Count);
        Assert.Equal(24, trials.Select(t => t.Config!.ToCanonicalText()).Distinct().Count());
        Assert.All(trials, t => Assert.Equal((TrialStatus.Completed, 1), (t.Status, t.Attempt)));
        var status = await cluster.Sweeps.StatusAsync(launched.SweepId);
        Assert.Equal((SweepState.Completed, 24, 24), (status.State, status.Total, status.Completed));
        Assert.Equal(24, (await cluster.Sweeps.LeaderboardAsync(launched.SweepId, 100)).Count);

        var epochs = cluster.EpochsRun;
        var again = await cluster.Sweeps.LaunchAsync(Spec(24));
        Assert.Equal((launched.SweepId, SweepState.Completed, 24), (again.SweepId, again.State, again.Completed));
        Assert.Equal(epochs, cluster.EpochsRun);
        Assert.NotEqual(launched.SweepId, (await cluster.Sweeps.LaunchAsync(Spec(24).Replace("seed: 5", "seed: 6"))).SweepId);
    }

    [Fact]
    public async Task With_one_slot_the_same_spec_suggests_the_same_trials_every_time()
    {
        var runs = new List<IReadOnlyList<TrialSnapshot>>();
        foreach (var folder in new[] { "a", "b" })
        {
            await using var cluster = await OrchestrationCluster.StartAsync(_temp.Combine(folder),
                new ClusterSettings { Silos = 1, Slots = "cpu x1", EpochDuration = TimeSpan.FromMilliseconds(5) });
            var launched = await cluster.Sweeps.LaunchAsync(Spec(30));
            await cluster.WaitForSweepAsync(launched.SweepId, Patience);
            runs.Add(await cluster.TrialsAsync(launched.SweepId));
        }

        Assert.Equal(runs[0].Select(t => t.TrialId), runs[1].Select(t => t.TrialId));
        // The fake executor's quality is a hash of the configuration, with no structure for TPE to learn, so this only
        // checks that the suggestions after the 10 random start-up trials are real configurations that trained.
        Assert.All(runs[0], t => Assert.Equal(TrialStatus.Completed, t.Status));
        Assert.Equal(30, runs[0].Select(t => FakeTrialExecutor.Quality(t.Config!)).Distinct().Count());
    }

    [Fact]
    public async Task Tpe_with_asha_fills_the_slots_asha_frees_with_new_suggestions_and_stops_at_the_budget()
    {
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path, new ClusterSettings { Silos = 2, EpochDuration = TimeSpan.FromMilliseconds(20) });
        var launched = await cluster.Sweeps.LaunchAsync(Spec(18, "early_terminate: {type: asha, min_iter: 1, eta: 3}").Replace("epochs: 3", "epochs: 9"));
        await cluster.WaitForSweepAsync(launched.SweepId, Patience);

        var trials = await cluster.TrialsAsync(launched.SweepId);
        Assert.Equal(18, trials.Count);
        Assert.All(trials, t => Assert.True(t.Status is TrialStatus.Completed or TrialStatus.Pruned, $"{t.TrialId} ended {t.Status}: {t.Reason}"));
        Assert.Contains(trials, t => t.Status == TrialStatus.Pruned);
        Assert.True(trials.Sum(t => t.History.Count) <= 0.6 * 18 * 9, $"{trials.Sum(t => t.History.Count)} epochs of {18 * 9}");
        var status = await cluster.Sweeps.StatusAsync(launched.SweepId);
        Assert.Equal((SweepState.Completed, 18), (status.State, status.Completed + status.Pruned));
    }

    public void Dispose() => _temp.Dispose();
}
