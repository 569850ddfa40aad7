using SweepGrid.Client.Output;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Tests.Output;

public sealed class LiveTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Optimizers = ["sgd", "adam", "rmsprop", "adamw", "sgd", "adam", "rmsprop", "adamw"];

    /// <summary>Eight trials of 5 epochs, one in each status: running at epoch 3, completed, paused, pruned, failed,
    /// diverged, cancelled, pending.</summary>
    private static SweepView EveryStatus()
    {
        var view = new SweepView();
        var ids = Enumerable.Range(1, 8).Select(i => $"{(char)('a' + i - 1)}{i}{new string('0', 8)}").ToArray();
        view.Apply(new SweepEvent
        {
            Kind = SweepEventKind.Snapshot,
            Sweep = new SweepStatus { SweepId = "s-1", Name = "every-status", State = SweepState.Running, Total = 8, Pending = 8 },
            Trials = ids.Select((id, i) => new TrialSnapshot
            {
                SweepId = "s-1",
                TrialId = id,
                Config = new TrialConfig { Optimizer = Optimizers[i], LearningRate = 0.001 * (i + 1), Epochs = 5 },
            }).ToList(),
        }, T0);
        for (var i = 0; i < 7; i++)
        {
            view.Apply(new SweepEvent { Kind = SweepEventKind.TrialStarted, TrialId = ids[i], Attempt = 1, Silo = "silo-1", Device = "cpu", At = T0 }, T0);
            view.Apply(new SweepEvent
            {
                Kind = SweepEventKind.EpochReported,
                TrialId = ids[i],
                Attempt = 1,
                Epoch = new EpochMetrics(3, 5, 0.25, 0.8, 0.3, 0.7 + (i / 100.0), 0.001, 1, 1000),
            }, T0.AddSeconds(10));
        }

        view.Apply(new SweepEvent { Kind = SweepEventKind.TrialPaused, TrialId = ids[2], Reason = "paused at rung 1" }, T0.AddSeconds(11));
        TrialStatus[] outcomes = [TrialStatus.Completed, TrialStatus.Pruned, TrialStatus.Failed, TrialStatus.Diverged, TrialStatus.Cancelled];
        int[] finishing = [1, 3, 4, 5, 6];
        for (var k = 0; k < outcomes.Length; k++)
        {
            view.Apply(new SweepEvent
            {
                Kind = SweepEventKind.TrialFinished,
                TrialId = ids[finishing[k]],
                Attempt = 1,
                Status = outcomes[k],
                Metrics = outcomes[k] == TrialStatus.Completed ? new TrialMetrics { ValAccuracy = 0.91 } : null,
            }, T0.AddSeconds(12));
        }

        return view;
    }

    [Fact]
    public void Every_trial_but_the_pending_one_has_a_row_with_its_status_and_the_running_one_its_epoch_bar()
    {
        var lines = LiveTableText.Lines(EveryStatus(), T0.AddSeconds(12), maxRows: 20);

        string Row(string id) => Assert.Single(lines, l => l.Contains(id, StringComparison.Ordinal));
        Assert.Contains("running", Row("a1000000"));
        Assert.Contains("3/5 ▇▇▇▇▇▇░░░░", Row("a1000000"));
        Assert.Contains("completed", Row("b2000000"));
        Assert.Contains("5/5 ▇▇▇▇▇▇▇▇▇▇", Row("b2000000"));
        Assert.Contains("0.9100", Row("b2000000"));
        Assert.Contains("paused", Row("c3000000"));
        Assert.Contains("pruned", Row("d4000000"));
        Assert.Contains("failed", Row("e5000000"));
        Assert.Contains("diverged", Row("f6000000"));
        Assert.Contains("cancelled", Row("g7000000"));
        Assert.DoesNotContain(lines, l => l.Contains("h8000000", StringComparison.Ordinal));
        // The running trial comes first, then the finished ones with the completed one ahead.
        var order = new[] { "a1000000", "b2000000", "c3000000" }.Select(id => lines.ToList().FindIndex(l => l.Contains(id, StringComparison.Ordinal))).ToList();
        Assert.True(order[0] < order[1] && order[1] < order[2], string.Join("\n", lines));
        Assert.Contains(lines, l => l.Contains('╭'));
    }

    [Fact]
    public void The_heading_and_the_meter_count_the_trials_by_status()
    {
        var lines = LiveTableText.Lines(EveryStatus(), T0.AddSeconds(12), maxRows: 20);

        Assert.Contains("sweep every-status (s-1)  5/8 finished, 1 running", lines[0]);
        var tags = string.Join(" ", lines.Take(4));
        foreach (var count in new[] { "completed 1", "pruned 1", "failed 1", "diverged 1", "cancelled 1", "running 1", "paused 1", "pending 1" })
        {
            Assert.Contains(count, tags);
        }
    }

    [Fact]
    public void Rows_beyond_the_screen_are_summed_up_under_the_table()
    {
        var lines = LiveTableText.Lines(EveryStatus(), T0.AddSeconds(12), maxRows: 3);

        Assert.Contains(lines, l => l.Contains("a1000000", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("g7000000", StringComparison.Ordinal));
        Assert.Contains("… and 5 more (1 pending)", lines[^1]);
    }

    [Fact]
    public void Statuses_are_coloured_on_a_colour_terminal()
    {
        var ansi = LiveTableText.Ansi(EveryStatus(), T0.AddSeconds(12), maxRows: 20);

        // Palette foregrounds: green (2) for completed, red (9) for failed, yellow (11) for pruned, blue (33) for running.
        Assert.Contains("\u001b[38;5;2mcompleted", ansi);
        Assert.Contains("\u001b[38;5;9mfailed", ansi);
        Assert.Contains("\u001b[38;5;11mpruned", ansi);
        Assert.Contains("\u001b[38;5;33mrunning", ansi);
    }

    [Fact]
    public void A_trial_trained_in_a_bundle_is_marked_with_it()
    {
        var view = EveryStatus();
        view.Rows.Single(r => r.TrialId.StartsWith('a')).Bundle = "3f2a";

        var lines = LiveTableText.Lines(view, T0.AddSeconds(12), maxRows: 20);

        Assert.Contains("silo-1/cpu bundle 3f2a", Assert.Single(lines, l => l.Contains("a1000000", StringComparison.Ordinal)));
        Assert.DoesNotContain("bundle", Assert.Single(lines, l => l.Contains("b2000000", StringComparison.Ordinal)));
    }

    [Fact]
    public void Before_the_first_snapshot_it_says_it_is_waiting_and_why()
    {
        var lines = LiveTableText.Lines(new SweepView(), T0, maxRows: 20, notice: "connection lost, reconnecting…");

        Assert.Equal("waiting for the sweep…", lines[0].TrimEnd());
        Assert.Contains("connection lost, reconnecting…", lines[1]);
    }
}
