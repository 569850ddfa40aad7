using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;
using SweepGrid.TestData;

namespace SweepGrid.Grains.Tests;

public sealed class RealTrainerSweepTests : IDisposable
{
    private readonly TempFolder _temp = new("sweepgrid-real");

    [Fact]
    public async Task A_small_fashion_mnist_sweep_trains_every_configuration_and_ranks_them()
    {
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path,
            new ClusterSettings { Silos = 1, Slots = "cpu x2", RealTrainer = true, LeaseTimeout = TimeSpan.FromSeconds(60) });
        const string spec = """
            name: fashion-subset
            dataset: {name: fashion-mnist, validation_split: 0.1, train_limit: 3000, test_limit: 500}
            training: {epochs: 2, batch_size: 64, seed: 3}
            metric: {name: val_accuracy, goal: maximize}
            parameters:
              optimizer: {values: [sgd, adam]}
              learning_rate: {values: [0.01, 0.002]}
            """;

        var status = await cluster.Sweeps.LaunchAsync(spec);
        await cluster.WaitForSweepAsync(status.SweepId, TimeSpan.FromMinutes(4));

        var trials = await cluster.TrialsAsync(status.SweepId);
        Assert.Equal(4, trials.Count);
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialStatus.Completed, t.Status);
            Assert.Equal(2, t.History.Count);
            Assert.Equal(10, t.Metrics!.ConfusionMatrix.Count);
            Assert.Equal(500, t.Metrics.ConfusionMatrix.Sum(row => row.Sum()));
            Assert.Equal(10, t.Metrics.ClassificationReport.Count);
        });
        var board = await cluster.Sweeps.LeaderboardAsync(status.SweepId, 10);
        Assert.Equal(4, board.Count);
        Assert.Equal(board.Select(e => e.Value).OrderDescending(), board.Select(e => e.Value));
        Assert.InRange(board[0].Metrics.ValAccuracy!.Value, 0.7, 1.0);
        Assert.Equal(SweepState.Completed, (await cluster.Sweeps.StatusAsync(status.SweepId)).State);
    }

    public void Dispose() => _temp.Dispose();
}
