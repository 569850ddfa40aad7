using SweepGrid.Contracts.Dispatch;
using SweepGrid.Contracts.Trials;
using SweepGrid.TestData;

namespace SweepGrid.Grains.Tests;

/// <summary>Bundle leases: the dispatcher hands one worker several trials that can train fused, each an ordinary attempt.</summary>
public sealed class BundleDispatchTests : IDisposable
{
    private static readonly WorkerInfo Worker = new("bundler#0", "nowhere", "cpu");
    private readonly TempFolder _temp = new("sweepgrid-bundles");

    private Task<OrchestrationCluster> StartAsync() =>
        OrchestrationCluster.StartAsync(_temp.Path, new ClusterSettings { Silos = 1, Slots = "", LeaseTimeout = TimeSpan.FromMinutes(5) });

    [Fact]
    public async Task A_bundle_holds_only_trials_of_one_shape_each_with_its_own_running_attempt()
    {
        await using var cluster = await StartAsync();
        var dispatcher = cluster.Client.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);
        // Optimizer × learning rate × dropout: the optimizer decides the bundle, learning rate and dropout are per member.
        await cluster.Sweeps.LaunchAsync(Specs.Grid27("bundled-grid", maxConcurrent: 27));

        var bundles = new List<IReadOnlyList<TrialLease>>();
        for (var i = 0; i < 3; i++)
        {
            bundles.Add(await dispatcher.AcquireBundle(Worker, 9, TimeSpan.FromSeconds(5)));
        }

        Assert.All(bundles, b => Assert.Equal(9, b.Count));
        Assert.All(bundles, b => Assert.Single(b.Select(l => l.Config.Optimizer).Distinct()));
        Assert.Equal(3, bundles.Select(b => b[0].Config.Optimizer).Distinct().Count());
        var leases = bundles.SelectMany(b => b).ToList();
        Assert.Equal(27, leases.Select(l => l.TrialId).Distinct().Count());
        Assert.All(leases, l => Assert.Equal(1, l.Attempt));
        Assert.Empty(await dispatcher.AcquireBundle(Worker, 9, TimeSpan.FromMilliseconds(300)));
        foreach (var lease in leases.Take(5))
        {
            var snapshot = await cluster.Client.GetGrain<ITrialGrain>(lease.Key).GetSnapshot();
            Assert.Equal(TrialStatus.Running, snapshot.Status);
            Assert.Equal(Worker.Silo, snapshot.Silo);
        }
    }

    [Fact]
    public async Task Two_slots_share_a_small_sweep_instead_of_one_bundle_taking_it_all()
    {
        await using var cluster = await StartAsync();
        var dispatcher = cluster.Client.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);
        var other = Worker with { WorkerId = "bundler#1" };
        // The other slot asks before there is work, as an idle slot does, and so counts.
        Assert.Empty(await dispatcher.AcquireBundle(other, 27, TimeSpan.FromMilliseconds(100)));
        await cluster.Sweeps.LaunchAsync(Specs.Small("shared", trials: 6, maxConcurrent: 6));

        var first = await dispatcher.AcquireBundle(Worker, 27, TimeSpan.FromSeconds(5));
        var second = await dispatcher.AcquireBundle(other, 27, TimeSpan.FromSeconds(5));

        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Empty(second.Select(l => l.TrialId).Intersect(first.Select(l => l.TrialId)));
    }

    [Fact]
    public async Task A_bundle_stays_within_max_concurrent_trials_and_released_members_free_their_places()
    {
        await using var cluster = await StartAsync();
        var dispatcher = cluster.Client.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);
        await cluster.Sweeps.LaunchAsync(Specs.Small("bounded", trials: 6, maxConcurrent: 4));

        var first = await dispatcher.AcquireBundle(Worker, 27, TimeSpan.FromSeconds(5));
        Assert.Equal(4, first.Count);
        Assert.Empty(await dispatcher.AcquireBundle(Worker, 27, TimeSpan.FromMilliseconds(300)));

        foreach (var lease in first.Take(2))
        {
            await cluster.Client.GetGrain<ITrialGrain>(lease.Key).Complete(lease.Attempt, new TrialMetrics { ValAccuracy = 0.5 });
            await dispatcher.Release(lease.SweepId, lease.TrialId, lease.Attempt, requeue: false);
        }

        var second = await dispatcher.AcquireBundle(Worker, 27, TimeSpan.FromSeconds(5));
        Assert.Equal(2, second.Count);
        Assert.Empty(second.Select(l => l.TrialId).Intersect(first.Select(l => l.TrialId)));
    }

    [Fact]
    public async Task Trials_of_different_shapes_wait_for_a_bundle_of_their_own_and_a_plain_acquire_takes_one()
    {
        await using var cluster = await StartAsync();
        var dispatcher = cluster.Client.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);
        await cluster.Sweeps.LaunchAsync("""
            name: shapes
            dataset: {name: fashion-mnist}
            training: {epochs: 2, seed: 1}
            method: grid
            parameters:
              batch_size: {values: [64, 128]}
              learning_rate: {values: [0.001, 0.002, 0.003]}
            """);

        var single = await dispatcher.Acquire(Worker, TimeSpan.FromSeconds(5));
        var bundle = await dispatcher.AcquireBundle(Worker, 10, TimeSpan.FromSeconds(5));
        var last = await dispatcher.AcquireBundle(Worker, 10, TimeSpan.FromSeconds(5));

        Assert.NotNull(single);
        Assert.Equal(2, bundle.Count);
        Assert.Equal(3, last.Count);
        Assert.All(bundle, l => Assert.Equal(single!.Config.BatchSize, l.Config.BatchSize));
        Assert.All(last, l => Assert.NotEqual(single!.Config.BatchSize, l.Config.BatchSize));
        Assert.Equal(6, bundle.Concat(last).Append(single!).Select(l => l.TrialId).Distinct().Count());
    }

    public void Dispose() => _temp.Dispose();
}
