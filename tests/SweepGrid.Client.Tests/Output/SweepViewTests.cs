using SweepGrid.Client.Output;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Tests.Output;

public sealed class SweepViewTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static SweepStatus Status(int total) => new() { SweepId = "s-1", Name = "s", State = SweepState.Running, Total = total, Pending = total };

    private static SweepEvent Snapshot(params (string Id, string Optimizer)[] trials) => new()
    {
        Kind = SweepEventKind.Snapshot,
        Sweep = Status(trials.Length),
        Trials = trials.Select(t => new TrialSnapshot { SweepId = "s-1", TrialId = t.Id, Config = new TrialConfig { Optimizer = t.Optimizer, Epochs = 4 } }).ToList(),
    };

    private static SweepEvent Epoch(string id, int epoch, double valAccuracy) => new()
    {
        Kind = SweepEventKind.EpochReported,
        TrialId = id,
        Attempt = 1,
        Epoch = new EpochMetrics(epoch, 4, 0.5, 0.8, 0.4, valAccuracy, 0.001, 1, 1000),
    };

    [Fact]
    public void A_trial_an_adaptive_search_suggested_after_the_snapshot_is_labelled_from_its_first_start()
    {
        var view = new SweepView();
        view.Apply(Snapshot(("aaaaaaaa11", "sgd")), T0);
        var later = new TrialConfig { Optimizer = "adam", LearningRate = 0.0042, Epochs = 4 };
        view.Apply(new SweepEvent { Kind = SweepEventKind.TrialStarted, TrialId = "cccccccc33", Attempt = 1, Silo = "silo-1", Device = "cpu", At = T0, Config = later }, T0);

        var row = view.Rows.Single(r => r.TrialId == "cccccccc33");
        Assert.Equal(later, row.Config);
        Assert.Equal(4, row.TotalEpochs);
        // The fields that now vary between the trials name it.
        Assert.Contains("adam", view.Label(row.Config));
        Assert.Contains("0.0042", view.Label(row.Config));
    }

    [Fact]
    public void Events_move_rows_and_counts_forward_and_the_table_shows_progress()
    {
        var view = new SweepView();
        view.Apply(Snapshot(("aaaaaaaa11", "sgd"), ("bbbbbbbb22", "adam")), T0);
        view.Apply(new SweepEvent { Kind = SweepEventKind.TrialStarted, TrialId = "aaaaaaaa11", Attempt = 1, Silo = "silo-1", Device = "cuda:0", At = T0 }, T0);
        view.Apply(Epoch("aaaaaaaa11", 2, 0.75), T0.AddSeconds(10));

        Assert.Equal(1, view.Status!.Running);
        Assert.Equal(1, view.Status.Pending);
        Assert.Equal(2.0 / 8, view.Progress, 6);
        var table = LiveTableText.Lines(view, T0.AddSeconds(10), maxRows: 10);
        var row = Assert.Single(table, l => l.Contains("aaaaaaaa", StringComparison.Ordinal));
        Assert.Contains("sgd", row);
        Assert.Contains("running", row);
        Assert.Contains("2/4 ▇▇▇▇▇░░░░░", row);
        Assert.Contains("0.7500", row);
        Assert.Contains("silo-1/cuda:0", row);
        Assert.Contains("1 more (1 pending)", table[^1]);

        view.Apply(new SweepEvent
        {
            Kind = SweepEventKind.TrialFinished,
            TrialId = "aaaaaaaa11",
            Attempt = 1,
            Status = TrialStatus.Completed,
            Metrics = new TrialMetrics { ValAccuracy = 0.8 }
        }, T0.AddSeconds(20));
        Assert.Equal(1, view.Status.Completed);
        Assert.Equal(0.5, view.Progress, 6);
    }

    [Fact]
    public void The_eta_comes_from_the_epoch_rate_seen_while_watching()
    {
        var view = new SweepView();
        view.Apply(Snapshot(("aaaaaaaa11", "sgd"), ("bbbbbbbb22", "adam")), T0);
        Assert.Null(view.Eta(T0));

        // Two of eight epochs in 20 s: six left at 0.1 epochs/s is a minute.
        view.Apply(Epoch("aaaaaaaa11", 1, 0.6), T0.AddSeconds(10));
        view.Apply(Epoch("aaaaaaaa11", 2, 0.7), T0.AddSeconds(20));

        Assert.Equal(TimeSpan.FromSeconds(60), view.Eta(T0.AddSeconds(20)));
        Assert.Contains("ETA 1m 00s", LiveTableText.Lines(view, T0.AddSeconds(20), 10)[0]);
    }

    [Fact]
    public void A_requeued_trial_goes_back_to_pending_with_its_reason()
    {
        var view = new SweepView();
        view.Apply(Snapshot(("aaaaaaaa11", "sgd")), T0);
        view.Apply(new SweepEvent { Kind = SweepEventKind.TrialStarted, TrialId = "aaaaaaaa11", Attempt = 1, Silo = "silo-1", Device = "cpu", At = T0 }, T0);
        view.Apply(new SweepEvent { Kind = SweepEventKind.TrialRequeued, TrialId = "aaaaaaaa11", Attempt = 1, Reason = "lease expired" }, T0);

        var row = Assert.Single(view.Rows);
        Assert.Equal(TrialStatus.Pending, row.Status);
        Assert.Equal("lease expired", row.Reason);
        Assert.Equal(1, view.Status!.Pending);
    }
}
