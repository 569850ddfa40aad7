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

    [Fact]
    public async Task Trials_trained_fused_in_bundles_end_exactly_as_each_trained_alone()
    {
        const string spec = """
            name: fashion-bundled
            dataset: {name: fashion-mnist, validation_split: 0.1, train_limit: 2000, test_limit: 300}
            training: {epochs: 3, batch_size: 64, seed: 3}
            metric: {name: val_accuracy, goal: maximize}
            parameters:
              optimizer: {values: [sgd, adam]}
              learning_rate: {values: [0.02, 0.002]}
              dropout: {values: [0.0, 0.3]}
            """;
        var alone = await RunAsync("alone", "cpu x1 bundle 1", spec);
        var fused = await RunAsync("fused", "cpu x1 bundle 4", spec);

        Assert.Equal(8, fused.Trials.Count);
        // Fused, the four members of a bundle report each epoch together; alone, one trial's epochs follow each other.
        Assert.Equal([1, 1, 1, 1, 2, 2, 2, 2], fused.Epochs.Take(8));
        Assert.Equal([1, 2, 3, 1, 2, 3], alone.Epochs.Take(6));
        foreach (var trial in fused.Trials)
        {
            var single = alone.Trials.Single(t => t.TrialId == trial.TrialId);
            Assert.Equal((TrialStatus.Completed, TrialStatus.Completed), (single.Status, trial.Status));
            Assert.Equal(single.Metrics!.ValAccuracy, trial.Metrics!.ValAccuracy);
            Assert.Equal(single.Metrics.TestAccuracy, trial.Metrics.TestAccuracy);
            Assert.Equal(single.Metrics.ConfusionMatrix.SelectMany(r => r), trial.Metrics.ConfusionMatrix.SelectMany(r => r));
            Assert.Equal(single.History.Select(h => h.TrainLoss), trial.History.Select(h => h.TrainLoss));
        }
    }

    [Fact]
    public async Task A_bundle_that_would_not_fit_the_device_memory_trains_split_instead_of_crashing()
    {
        const string spec = """
            name: fashion-too-big
            dataset: {name: fashion-mnist, validation_split: 0.1, train_limit: 1000, test_limit: 200}
            training: {epochs: 3, batch_size: 64, seed: 3}
            metric: {name: val_accuracy, goal: maximize}
            parameters:
              learning_rate: {values: [0.002, 0.001, 0.0005]}
            """;
        // About 1,200 images of 784 floats take 3.6 MiB on the device: of 4 MiB (0.8 of it planned with) no room is left, so one by one.
        var split = await RunAsync("split", "cpu x1 bundle 3", spec, deviceMemoryMb: 4);

        Assert.Equal(3, split.Trials.Count);
        Assert.All(split.Trials, t => Assert.Equal((TrialStatus.Completed, 3), (t.Status, t.History.Count)));
        // One member after another: each trial's epochs follow each other, where a bundle of 3 reports [1, 1, 1, 2, 2, 2]
        // (the last epoch of each arrives with its completion, once the bundle's lease ends).
        Assert.Equal([1, 2, 1, 2, 1, 2], split.Epochs.Take(6));
    }

    /// <summary>The sweep's trials, and the epoch numbers of its epoch reports in the order they came.</summary>
    private async Task<(IReadOnlyList<TrialSnapshot> Trials, IReadOnlyList<int> Epochs)> RunAsync(string name, string slots, string spec, int deviceMemoryMb = 0)
    {
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Combine(name),
            new ClusterSettings { Silos = 1, Slots = slots, RealTrainer = true, LeaseTimeout = TimeSpan.FromSeconds(60), DeviceMemoryMb = deviceMemoryMb });
        var status = await cluster.Sweeps.LaunchAsync(spec);
        var events = await cluster.WaitForSweepAsync(status.SweepId, TimeSpan.FromMinutes(6));
        return (await cluster.TrialsAsync(status.SweepId), events.Where(e => e.Epoch is not null).Select(e => e.Epoch!.Epoch).ToList());
    }

    public void Dispose() => _temp.Dispose();
}
