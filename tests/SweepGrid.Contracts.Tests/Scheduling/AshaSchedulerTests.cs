using SweepGrid.Contracts.Scheduling;
using SweepGrid.Contracts.Specs;

namespace SweepGrid.Contracts.Tests.Scheduling;

public sealed class AshaSchedulerTests
{
    private static AshaScheduler Asha(int epochs = 9, RungMode mode = RungMode.Promote, int brackets = 1, MetricGoal goal = MetricGoal.Maximize) =>
        new(minIter: 1, eta: 3, brackets, mode, goal, "val_accuracy", epochs);

    [Fact]
    public void Rungs_are_min_iter_times_powers_of_eta_below_the_last_epoch_and_each_bracket_starts_one_rung_higher()
    {
        Assert.Equal([1, 3], Asha(epochs: 9).RungsOf(0));
        Assert.Equal([1, 3, 9], Asha(epochs: 10).RungsOf(0));
        Assert.Empty(Asha(epochs: 1).RungsOf(0));
        var hyperband = Asha(epochs: 9, brackets: 2);
        Assert.Equal([3], hyperband.RungsOf(1));
        Assert.Equal([0, 1, 0, 1], Enumerable.Range(0, 4).Select(hyperband.BracketOf));
        Assert.Equal((1, 3), (hyperband.FirstTarget(0), hyperband.FirstTarget(1)));
        Assert.Equal(9, Asha(mode: RungMode.Stop).FirstTarget(0));
    }

    [Fact]
    public void A_trial_pauses_when_it_reaches_its_rung_and_trains_on_between_rungs()
    {
        var asha = Asha();
        var atRung = Trial("a", 1, target: 1, 0.6);
        var promoted = Trial("b", 2, target: 3, 0.6, 0.7);

        Assert.Equal(EpochAction.Pause, asha.OnEpoch(atRung, [atRung]).Action);
        Assert.Contains("rung 1 (epoch 1)", asha.OnEpoch(atRung, [atRung]).Reason);
        Assert.Equal(EpochAction.Continue, asha.OnEpoch(promoted, [promoted]).Action);
    }

    [Fact]
    public void The_best_unpromoted_trial_in_the_top_third_of_a_rung_is_promoted_once()
    {
        var asha = Asha();
        List<TrialProgress> trials = [Paused("a", 0.5), Paused("b", 0.7), Paused("c", 0.6)];
        Assert.Null(asha.Promote(trials.Take(2).ToList()));

        var promotion = asha.Promote(trials)!;
        Assert.Equal(("b", 3), (promotion.TrialId, promotion.Target));
        Assert.Contains("top 1 of 3", promotion.Reason);

        // Promoted (training towards rung 2), it is not promoted again; the next one needs six at the rung.
        trials[1] = trials[1] with { State = ProgressState.Running, Target = 3 };
        Assert.Null(asha.Promote(trials));
        trials.AddRange([Paused("d", 0.2), Paused("e", 0.1), Paused("f", 0.65)]);
        Assert.Equal("f", asha.Promote(trials)!.TrialId);
    }

    [Fact]
    public void The_highest_rung_is_served_first_and_its_trials_go_to_their_last_epoch()
    {
        var asha = Asha();
        var trials = new List<TrialProgress>
        {
            Trial("top", 3, target: 3, 0.6, 0.7, 0.8, state: ProgressState.Paused),
            Trial("x", 3, target: 9, 0.5, 0.6, 0.7),
            Trial("y", 3, target: 9, 0.5, 0.55, 0.6),
            Paused("p", 0.9), Paused("q", 0.1), Paused("r", 0.2),
        };

        var promotion = asha.Promote(trials)!;

        Assert.Equal(("top", 9), (promotion.TrialId, promotion.Target));
    }

    [Fact]
    public void With_a_loss_the_lowest_value_is_the_best()
    {
        var asha = Asha(goal: MetricGoal.Minimize);
        Assert.Equal("low", asha.Promote([Paused("high", 2.0), Paused("low", 0.4), Paused("mid", 1.1)])!.TrialId);
    }

    [Fact]
    public void Failed_trials_rank_nowhere_at_a_rung()
    {
        var asha = Asha();
        Assert.Null(asha.Promote([Paused("a", 0.5), Paused("b", 0.7), Paused("c", 0.9) with { State = ProgressState.Failed }]));
    }

    [Fact]
    public void Stop_mode_stops_a_trial_below_the_top_third_of_its_rung_and_lets_the_others_train_on()
    {
        var asha = Asha(mode: RungMode.Stop);
        var first = Trial("first", 1, target: 9, 0.3);
        Assert.Equal(EpochAction.Continue, asha.OnEpoch(first, [first]).Action);

        List<TrialProgress> peers = [Trial("a", 1, 9, 0.9), Trial("b", 2, 9, 0.8, 0.85), Trial("c", 1, 9, 0.7)];
        var poor = Trial("poor", 1, target: 9, 0.5);
        var good = Trial("good", 1, target: 9, 0.85);

        var stopped = asha.OnEpoch(poor, [.. peers, poor]);
        Assert.Equal(EpochAction.Stop, stopped.Action);
        // The 2/3 quantile of 0.5, 0.7, 0.8 and 0.9 is 0.8.
        Assert.Contains("val_accuracy 0.5 at rung 1 (epoch 1) is below the top 1/3 of the 4 trials there (cutoff 0.8)", stopped.Reason);
        Assert.Equal(EpochAction.Continue, asha.OnEpoch(good, [.. peers, good]).Action);
        Assert.Equal(EpochAction.Continue, asha.OnEpoch(Trial("off-rung", 2, 9, 0.1, 0.1), peers).Action);
        Assert.Null(asha.Promote([.. peers, poor]));
    }

    [Theory]
    [InlineData(1, 1, 0.4)]
    [InlineData(2, 1, 0.4)]
    [InlineData(3, 1, 0.4)]
    // Hyperband hedges: its higher brackets start at later rungs (bracket 1 at epoch 3), so it trains more.
    [InlineData(2, 2, 0.6)]
    public void A_simulated_sweep_trains_a_fraction_of_the_epochs_completes_the_best_configuration_and_promotes_each_trial_once_a_rung(
        int slots, int brackets, double share)
    {
        const int epochs = 9;
        // 18 configurations whose learning curves keep their order: the best is the one to find.
        var quality = Enumerable.Range(0, 18).ToDictionary(i => $"t{i:00}", i => 0.5 + 0.4 * ((i * 7) % 18) / 17.0);
        var asha = new AshaScheduler(1, 3, brackets, RungMode.Promote, MetricGoal.Maximize, "val_accuracy", epochs);
        var run = AshaSimulation.Run(asha, quality, slots, epochs);

        Assert.True(run.EpochsTrained <= share * quality.Count * epochs, $"{run.EpochsTrained} of {quality.Count * epochs} epochs");
        var best = quality.MaxBy(q => q.Value).Key;
        Assert.Equal(ProgressState.Completed, run.Final[best].State);
        Assert.All(run.Final.Values, t => Assert.True(t.State is ProgressState.Completed or ProgressState.Pruned, $"{t.TrialId} ended {t.State}"));
        Assert.Equal(run.Promotions.Count, run.Promotions.Distinct().Count());
    }

    private static TrialProgress Paused(string id, double value) => Trial(id, 1, target: 1, value, state: ProgressState.Paused);

    private static TrialProgress Trial(string id, int epochs, int target, params double[] values) => Trial(id, epochs, target, values, ProgressState.Running);

    private static TrialProgress Trial(string id, int epochs, int target, double a, double b, double c, ProgressState state) =>
        Trial(id, epochs, target, [a, b, c], state);

    private static TrialProgress Trial(string id, int epochs, int target, double value, ProgressState state) => Trial(id, epochs, target, [value], state);

    private static TrialProgress Trial(string id, int epochs, int target, double[] values, ProgressState state)
    {
        Assert.Equal(epochs, values.Length);
        return new TrialProgress(id, state, values, target);
    }
}

/// <summary>A sweep driven through a scheduler as the sweep grain drives it: slots pull a promotion or a new
/// configuration, trials train an epoch a tick, each epoch is judged, and what is paused when nothing can run is pruned.</summary>
internal static class AshaSimulation
{
    public sealed record Outcome(int EpochsTrained, IReadOnlyDictionary<string, TrialProgress> Final, IReadOnlyList<(string TrialId, int Target)> Promotions);

    public static Outcome Run(IEarlyStopping policy, IReadOnlyDictionary<string, double> quality, int slots, int epochs)
    {
        var trials = new Dictionary<string, TrialProgress>();
        var pending = new Queue<string>(quality.Keys);
        var promotions = new List<(string, int)>();
        var trained = 0;
        for (var tick = 0; tick < 10_000; tick++)
        {
            while (trials.Values.Count(t => t.State == ProgressState.Running) < slots)
            {
                if (policy.Promote([.. trials.Values]) is { } promotion)
                {
                    promotions.Add((promotion.TrialId, promotion.Target));
                    trials[promotion.TrialId] = trials[promotion.TrialId] with { State = ProgressState.Running, Target = promotion.Target };
                }
                else if (pending.TryDequeue(out var id))
                {
                    var bracket = policy.BracketOf(trials.Count);
                    trials[id] = new TrialProgress(id, ProgressState.Running, [], policy.FirstTarget(bracket), bracket);
                }
                else
                {
                    break;
                }
            }

            var running = trials.Values.Where(t => t.State == ProgressState.Running).OrderBy(t => t.TrialId, StringComparer.Ordinal).ToList();
            if (running.Count == 0)
            {
                foreach (var paused in trials.Values.Where(t => t.State == ProgressState.Paused).ToList())
                {
                    trials[paused.TrialId] = paused with { State = ProgressState.Pruned };
                }

                return new Outcome(trained, trials, promotions);
            }

            foreach (var trial in running)
            {
                var epoch = trial.Epochs + 1;
                var now = trial with { Values = [.. trial.Values, quality[trial.TrialId] * (1 - Math.Pow(0.5, epoch))] };
                trained++;
                trials[trial.TrialId] = now;
                if (epoch == epochs)
                {
                    trials[trial.TrialId] = now with { State = ProgressState.Completed };
                    continue;
                }

                var verdict = policy.OnEpoch(now, [.. trials.Values]);
                trials[trial.TrialId] = verdict.Action switch
                {
                    EpochAction.Pause => now with { State = ProgressState.Paused },
                    EpochAction.Stop => now with { State = ProgressState.Pruned },
                    _ => now,
                };
            }
        }

        throw new InvalidOperationException("the simulated sweep never ended");
    }
}
