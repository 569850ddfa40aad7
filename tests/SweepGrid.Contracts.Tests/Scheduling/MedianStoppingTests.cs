using SweepGrid.Contracts.Scheduling;
using SweepGrid.Contracts.Specs;

namespace SweepGrid.Contracts.Tests.Scheduling;

public sealed class MedianStoppingTests
{
    private static readonly MedianStopping Median = new(minIter: 2, MetricGoal.Maximize, "val_accuracy", epochs: 5);

    private static readonly TrialProgress[] Completed =
    [
        Done("a", 0.5, 0.6, 0.7, 0.75, 0.8),
        Done("b", 0.6, 0.7, 0.72, 0.74, 0.76),
        Done("c", 0.4, 0.5, 0.6, 0.65, 0.7),
    ];

    [Fact]
    public void A_trial_whose_best_so_far_is_below_the_completed_trials_median_at_that_epoch_is_stopped()
    {
        var poor = Running("poor", 0.5, 0.55);

        var verdict = Median.OnEpoch(poor, [.. Completed, poor]);

        Assert.Equal(EpochAction.Stop, verdict.Action);
        // Best values up to epoch 2: 0.6, 0.7 and 0.5, whose median is 0.6.
        Assert.Equal("best val_accuracy so far 0.55 is below the median 0.6 of the 3 completed trials at epoch 2", verdict.Reason);
        Assert.Equal(EpochAction.Continue, Median.OnEpoch(Running("fair", 0.3, 0.6), Completed).Action);
    }

    [Fact]
    public void Nothing_is_stopped_before_min_iter_at_the_last_epoch_or_with_fewer_than_three_completed()
    {
        Assert.Equal(EpochAction.Continue, Median.OnEpoch(Running("early", 0.1), Completed).Action);
        Assert.Equal(EpochAction.Continue, Median.OnEpoch(Running("two", 0.1, 0.1), Completed.Take(2).ToList()).Action);
        var runningPeers = Completed.Select(c => c with { TrialId = c.TrialId + "'", State = ProgressState.Running }).ToList();
        Assert.Equal(EpochAction.Continue, Median.OnEpoch(Running("only-running-peers", 0.1, 0.1), runningPeers).Action);
        Assert.Equal(EpochAction.Continue, Median.OnEpoch(Running("last", 0.1, 0.1, 0.1, 0.1, 0.1), Completed).Action);
        Assert.Null(Median.Promote(Completed));
        Assert.Equal(5, Median.FirstTarget(0));
    }

    [Fact]
    public void With_a_loss_a_trial_above_the_median_is_stopped()
    {
        var median = new MedianStopping(1, MetricGoal.Minimize, "val_loss", 5);
        TrialProgress[] completed = [Done("a", 1.0, 0.8, 0.6, 0.5, 0.4), Done("b", 0.9, 0.7, 0.6, 0.5, 0.4), Done("c", 1.2, 1.0, 0.9, 0.8, 0.7)];

        var verdict = median.OnEpoch(Running("high", 1.1), completed);

        Assert.Equal(EpochAction.Stop, verdict.Action);
        Assert.Contains("best val_loss so far 1.1 is below the median 1 of the 3 completed trials at epoch 1", verdict.Reason);
        Assert.Equal(EpochAction.Continue, median.OnEpoch(Running("low", 0.95), completed).Action);
    }

    private static TrialProgress Done(string id, params double[] values) => new(id, ProgressState.Completed, values, values.Length);

    private static TrialProgress Running(string id, params double[] values) => new(id, ProgressState.Running, values, 5);
}
