using Microsoft.Extensions.DependencyInjection;
using SweepGrid.Contracts.Dispatch;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;
using SweepGrid.Grains.Trials;
using SweepGrid.TestData;

namespace SweepGrid.Grains.Tests;

/// <summary>The dispatcher and trial grains driven by hand, from a cluster whose silos have no trial slots.</summary>
public sealed class DispatcherTests : IDisposable
{
    private static readonly WorkerInfo Ghost = new("ghost#0", "nowhere", "cpu");
    private readonly TempFolder _temp = new("sweepgrid-dispatch");

    // A lease of 1 s where a test waits for one to expire; elsewhere one that cannot lapse while a loaded machine runs the test.
    private Task<OrchestrationCluster> StartAsync(bool leasesExpire = false) =>
        OrchestrationCluster.StartAsync(_temp.Path, new ClusterSettings
        {
            Silos = 1,
            Slots = "",
            LeaseTimeout = leasesExpire ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(5),
        });

    [Fact]
    public async Task An_expired_lease_is_requeued_with_the_next_attempt_at_no_cost_to_max_retries_until_the_trial_was_lost_too_often()
    {
        await using var cluster = await StartAsync(leasesExpire: true);
        var dispatcher = cluster.Client.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);
        var status = await cluster.Sweeps.LaunchAsync(Specs.Small("expiry", trials: 1, maxRetries: 0));

        // A worker that never renews: its grants are lost (their replies never reached it, or its silo died at once).
        var first = await dispatcher.Acquire(Ghost, TimeSpan.FromSeconds(5));
        Assert.NotNull(first);
        Assert.Equal(1, first.Attempt);
        var second = await dispatcher.Acquire(Ghost, TimeSpan.FromSeconds(10));
        Assert.NotNull(second);
        Assert.Equal((first.TrialId, 2), (second.TrialId, second.Attempt));

        var trial = cluster.Client.GetGrain<ITrialGrain>(second.Key);
        var stale = await trial.ReportEpoch(1, new EpochMetrics(1, 2, 1.0, 0.5, null, null, 0.001, 0.1, 100));
        Assert.True(stale.Stop);
        Assert.Contains("lease lost", stale.Reason);
        await trial.Complete(1, new TrialMetrics { ValAccuracy = 0.9 });
        var running = await trial.GetSnapshot();
        Assert.Equal((TrialStatus.Running, 2, 0, 1), (running.Status, running.Attempt, running.Failures, running.LostAttempts));

        for (var attempt = 3; attempt <= TrialGrain.LostAttemptLimit; attempt++)
        {
            Assert.Equal(attempt, (await dispatcher.Acquire(Ghost, TimeSpan.FromSeconds(10)))!.Attempt);
        }

        Assert.Null(await dispatcher.Acquire(Ghost, TimeSpan.FromSeconds(3)));
        var failed = await trial.GetSnapshot();
        Assert.Equal(TrialStatus.Failed, failed.Status);
        Assert.Equal((0, TrialGrain.LostAttemptLimit), (failed.Failures, failed.LostAttempts));
        Assert.Contains("never renewed", failed.Reason);
        Assert.Contains($"died {TrialGrain.LostAttemptLimit} times", failed.Reason);
        var sweep = await cluster.Sweeps.StatusAsync(status.SweepId);
        Assert.Equal((SweepState.Completed, 1), (sweep.State, sweep.Failed));
    }

    [Fact]
    public async Task Renewed_leases_do_not_expire_and_handed_back_ones_cost_no_retry()
    {
        // A lease far longer than the renewal cadence, renewed for longer than one lease: only a renewal that came
        // more than a whole lease late (a stalled machine) could let it expire, not a slow one.
        var leaseTimeout = TimeSpan.FromSeconds(4);
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path, new ClusterSettings { Silos = 1, Slots = "", LeaseTimeout = leaseTimeout });
        var dispatcher = cluster.Client.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);
        await cluster.Sweeps.LaunchAsync(Specs.Small("renew", trials: 1, maxRetries: 0));

        var lease = (await dispatcher.Acquire(Ghost, TimeSpan.FromSeconds(5)))!;
        var trial = cluster.Client.GetGrain<ITrialGrain>(lease.Key);
        var renewing = System.Diagnostics.Stopwatch.StartNew();
        while (renewing.Elapsed < leaseTimeout * 1.5)
        {
            await Task.Delay(250);
            Assert.True(await dispatcher.Renew(lease.SweepId, lease.TrialId, lease.Attempt));
        }

        Assert.Equal((TrialStatus.Running, 1), ((await trial.GetSnapshot()).Status, (await trial.GetSnapshot()).Attempt));
        Assert.True(await trial.EndAttempt(lease.Attempt, AttemptEnd.HandedBack, "shutting down"));
        await dispatcher.Release(lease.SweepId, lease.TrialId, lease.Attempt, requeue: true);

        var again = await dispatcher.Acquire(Ghost, TimeSpan.FromSeconds(5));
        Assert.Equal((lease.TrialId, 2), (again!.TrialId, again.Attempt));
        Assert.Equal(0, (await trial.GetSnapshot()).Failures);
    }

    [Fact]
    public async Task An_attempt_ended_but_never_released_is_queued_by_its_lease_expiry_and_counted_once()
    {
        await using var cluster = await StartAsync(leasesExpire: true);
        var dispatcher = cluster.Client.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);
        await cluster.Sweeps.LaunchAsync(Specs.Small("lost-release", trials: 1, maxRetries: 1));

        var lease = (await dispatcher.Acquire(Ghost, TimeSpan.FromSeconds(5)))!;
        var trial = cluster.Client.GetGrain<ITrialGrain>(lease.Key);
        // The worker's end of the attempt arrives twice (its first answer was lost) and its release never does.
        Assert.True(await trial.EndAttempt(lease.Attempt, AttemptEnd.Crashed, "out of memory"));
        Assert.True(await trial.EndAttempt(lease.Attempt, AttemptEnd.Crashed, "out of memory"));
        Assert.Equal((TrialStatus.Pending, 1), ((await trial.GetSnapshot()).Status, (await trial.GetSnapshot()).Failures));

        // The unreleased lease expires; the trial is queued again instead of being lost, and with max_retries 1 it runs again.
        var again = await dispatcher.Acquire(Ghost, TimeSpan.FromSeconds(10));
        Assert.NotNull(again);
        Assert.Equal((lease.TrialId, 2), (again.TrialId, again.Attempt));
        Assert.Equal(1, (await trial.GetSnapshot()).Failures);
    }

    [Fact]
    public async Task The_dispatcher_holds_its_resync_reminder_while_a_sweep_is_active_and_drops_it_after()
    {
        await using var cluster = await StartAsync();
        var dispatcher = cluster.Client.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);
        var reminders = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        var status = await cluster.Sweeps.LaunchAsync(Specs.Small("reminded", trials: 1));

        var held = Assert.Single((await reminders.ReadRows(dispatcher.GetGrainId())).Reminders);
        Assert.Equal(("resync", TimeSpan.FromMinutes(1)), (held.ReminderName, held.Period));

        var lease = (await dispatcher.Acquire(Ghost, TimeSpan.FromSeconds(5)))!;
        await cluster.Client.GetGrain<ITrialGrain>(lease.Key).Complete(lease.Attempt, new TrialMetrics { ValAccuracy = 0.5 });
        await cluster.WaitForSweepAsync(status.SweepId, TimeSpan.FromSeconds(30));
        for (var tries = 0; (await reminders.ReadRows(dispatcher.GetGrainId())).Reminders.Count > 0; tries++)
        {
            Assert.True(tries < 50, "the reminder outlived the last active sweep");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Resubmitting_a_sweeps_work_mid_sweep_grants_nothing_twice()
    {
        await using var cluster = await StartAsync();
        var dispatcher = cluster.Client.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);
        var status = await cluster.Sweeps.LaunchAsync(Specs.Small("resubmitted", trials: 3));
        var sweep = cluster.Client.GetGrain<ISweepGrain>(status.SweepId);
        var running = (await dispatcher.Acquire(Ghost, TimeSpan.FromSeconds(5)))!;

        // What the resync reminder does: the sweep's view of its work (one running, two pending), handed over again.
        foreach (var reconcile in new[] { false, true })
        {
            var work = (await sweep.Resync(reconcile))!;
            Assert.Equal(2, work.Queued.Count);
            await dispatcher.Submit(work);
        }

        var rest = new[] { await dispatcher.Acquire(Ghost, TimeSpan.FromSeconds(5)), await dispatcher.Acquire(Ghost, TimeSpan.FromSeconds(5)) };
        Assert.Equal(3, rest.Select(l => l!.TrialId).Append(running.TrialId).Distinct().Count());
        Assert.All(rest, l => Assert.Equal(1, l!.Attempt));
        Assert.Null(await dispatcher.Acquire(Ghost, TimeSpan.FromSeconds(1)));
        Assert.Equal(1, (await cluster.Client.GetGrain<ITrialGrain>(running.Key).GetSnapshot()).Attempt);
    }

    [Fact]
    public async Task Leases_alternate_between_sweeps_and_respect_each_sweeps_concurrency_limit()
    {
        await using var cluster = await StartAsync();
        var dispatcher = cluster.Client.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);
        var a = await cluster.Sweeps.LaunchAsync(Specs.Small("sweep-a", trials: 3));
        var b = await cluster.Sweeps.LaunchAsync(Specs.Small("sweep-b", trials: 3, maxConcurrent: 1));

        var leases = new List<TrialLease>();
        for (var i = 0; i < 4; i++)
        {
            leases.Add((await dispatcher.Acquire(Ghost, TimeSpan.FromSeconds(2)))!);
        }

        // b allows one trial at a time: after one each, only a's trials are handed out.
        Assert.Equal(a.SweepId, leases[0].SweepId);
        Assert.Equal(b.SweepId, leases[1].SweepId);
        Assert.Equal([a.SweepId, a.SweepId], leases.Skip(2).Select(l => l.SweepId));
        Assert.Null(await dispatcher.Acquire(Ghost, TimeSpan.FromMilliseconds(300)));

        var bLease = leases[1];
        await cluster.Client.GetGrain<ITrialGrain>(bLease.Key).Complete(bLease.Attempt, new TrialMetrics { ValAccuracy = 0.5 });
        await dispatcher.Release(bLease.SweepId, bLease.TrialId, bLease.Attempt, requeue: false);
        var next = await dispatcher.Acquire(Ghost, TimeSpan.FromSeconds(2));
        Assert.Equal(b.SweepId, next!.SweepId);
        Assert.NotEqual(bLease.TrialId, next.TrialId);
    }

    [Fact]
    public async Task A_waiting_worker_gets_new_work_as_soon_as_it_is_launched()
    {
        await using var cluster = await StartAsync();
        var dispatcher = cluster.Client.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);

        var waiting = dispatcher.Acquire(Ghost, TimeSpan.FromSeconds(20));
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        var launched = System.Diagnostics.Stopwatch.StartNew();
        await cluster.Sweeps.LaunchAsync(Specs.Small("wake", trials: 1));
        var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(lease);
        Assert.True(launched.Elapsed < TimeSpan.FromSeconds(5), $"the waiting worker got its lease {launched.Elapsed} after the launch");
    }

    public void Dispose() => _temp.Dispose();
}
