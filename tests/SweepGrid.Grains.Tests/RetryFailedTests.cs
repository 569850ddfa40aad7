using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;
using SweepGrid.TestData;

namespace SweepGrid.Grains.Tests;

public sealed class RetryFailedTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task A_trial_whose_own_code_fails_is_charged_a_relaunch_keeps_it_failed_and_a_retry_runs_it_again_with_a_fresh_budget()
    {
        var settings = new ClusterSettings { Silos = 1, Crashes = c => Math.Abs(c.LearningRate - 0.002) < 1e-12 };
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path, settings);
        var spec = Specs.Small("retried", trials: 3, epochs: 2, maxRetries: 1);
        var status = await cluster.Sweeps.LaunchAsync(spec);
        await cluster.WaitForSweepAsync(status.SweepId, Patience);

        var failed = (await cluster.Sweeps.TrialsAsync(status.SweepId)).Single(t => t.Status == TrialStatus.Failed);
        Assert.Equal(0.002, failed.Config!.LearningRate);
        Assert.Equal((2, 0), (failed.Failures, failed.LostAttempts));
        Assert.Contains("the trial's own code failed", failed.Reason);
        Assert.Contains("max_retries is 1", failed.Reason);

        var relaunched = await cluster.Sweeps.LaunchAsync(spec);
        Assert.Equal((SweepState.Completed, 1, 2), (relaunched.State, relaunched.Failed, relaunched.Completed));

        settings.Crashes = _ => false;
        var retried = await cluster.Sweeps.RetryFailedAsync(status.SweepId);
        Assert.Equal(SweepState.Running, retried.State);
        await cluster.WaitForSweepAsync(status.SweepId, Patience);

        var done = await cluster.Sweeps.StatusAsync(status.SweepId);
        Assert.Equal((SweepState.Completed, 3, 0), (done.State, done.Completed, done.Failed));
        var again = (await cluster.Sweeps.TrialsAsync(status.SweepId)).Single(t => t.TrialId == failed.TrialId);
        Assert.Equal((TrialStatus.Completed, 0, 3), (again.Status, again.Failures, again.Attempt));
        var board = await cluster.Sweeps.LeaderboardAsync(status.SweepId, 10);
        Assert.Contains(board, e => e.TrialId == failed.TrialId);
    }

    public void Dispose() => _temp.Dispose();
}
