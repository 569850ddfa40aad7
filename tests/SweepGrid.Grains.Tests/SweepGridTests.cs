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

    public void Dispose() => _temp.Dispose();
}
