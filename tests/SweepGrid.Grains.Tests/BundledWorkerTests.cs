using SweepGrid.Contracts.Trials;
using SweepGrid.TestData;

namespace SweepGrid.Grains.Tests;

/// <summary>Slots that train bundles: to everything outside the worker, a bundle is its members, each an ordinary trial.</summary>
public sealed class BundledWorkerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly TempFolder _temp = new("sweepgrid-bundled");

    [Fact]
    public async Task A_slot_that_bundles_trains_its_members_together_and_each_ends_as_an_ordinary_trial()
    {
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path, new ClusterSettings { Silos = 1, Slots = "cpu x1 bundle 4" });
        var status = await cluster.Sweeps.LaunchAsync(Specs.Small("bundled", trials: 8, epochs: 3));
        await cluster.WaitForSweepAsync(status.SweepId, Patience);

        var trials = await cluster.TrialsAsync(status.SweepId);
        Assert.Equal(4, cluster.LargestBundle);
        Assert.Equal(8, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialStatus.Completed, t.Status));
        Assert.All(trials, t => Assert.Equal((1, 0), (t.Attempt, t.Failures)));
        Assert.All(trials, t => Assert.Equal([1, 2, 3], t.History.Select(h => h.Epoch)));
        Assert.Equal(8 * 3, cluster.EpochsRun);
        // Each trial says which bundle it trained in, for the views: two bundles of four.
        Assert.Equal([4, 4], trials.GroupBy(t => t.Bundle).Select(g => g.Count()));
        Assert.All(trials, t => Assert.EndsWith("×4", t.Bundle));
        var board = await cluster.Sweeps.LeaderboardAsync(status.SweepId, 100);
        Assert.Equal(trials.OrderByDescending(t => Silo.Workers.FakeTrialExecutor.Quality(t.Config!)).Select(t => t.TrialId), board.Select(e => e.TrialId));
    }

    [Fact]
    public async Task A_member_whose_training_fails_fails_alone()
    {
        var settings = new ClusterSettings { Silos = 1, Slots = "cpu x1 bundle 4", Crashes = c => c.LearningRate == 0.002 };
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path, settings);
        var status = await cluster.Sweeps.LaunchAsync(Specs.Small("one-fails", trials: 4, maxRetries: 1));
        await cluster.WaitForSweepAsync(status.SweepId, Patience);

        var trials = await cluster.TrialsAsync(status.SweepId);
        var failed = Assert.Single(trials, t => t.Status == TrialStatus.Failed);
        Assert.Equal(0.002, failed.Config!.LearningRate);
        Assert.Equal(2, failed.Failures);
        Assert.All(trials.Where(t => t != failed), t => Assert.Equal((TrialStatus.Completed, 1), (t.Status, t.Attempt)));
        // Its retry was a bundle of one, so it says it trained alone.
        Assert.Null(failed.Bundle);
    }

    public void Dispose() => _temp.Dispose();
}
