using SweepGrid.Contracts.Parsing;
using SweepGrid.Contracts.Search;
using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;
using Xunit.Abstractions;

namespace SweepGrid.Contracts.Tests.Search;

public sealed class TpeSearchTests(ITestOutputHelper output)
{
    private static readonly long[] Seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Fact]
    public void The_first_ten_suggestions_are_random_searchs_draws_from_the_seed()
    {
        var spec = SweepSpecParser.Parse(ExampleSpecs.RandomSearch.Replace("method: random", "method: tpe"));
        var random = new RandomSearch().Expand(spec with { Method = SearchMethod.Random });

        var history = TpeSweeps.Play(new TpeSearch(spec), 10, c => c.LearningRate);

        Assert.Equal(random.Take(10).Select(t => t.Id), history.Select(t => t.Trial.Id));
    }

    [Fact]
    public void Until_ten_trials_finished_suggestions_stay_random_however_many_run()
    {
        var spec = TpeSweeps.LearningRate(seed: 3);
        var random = new RandomSearch().Expand(spec);
        var searcher = new TpeSearch(spec);

        var running = searcher.Suggest(SearchHistory.Empty, 8);
        var history = running.Select(t => new ObservedTrial(t, ObservedState.Running)).ToList();
        var more = searcher.Suggest(new SearchHistory(history), 4);

        Assert.Equal(random.Take(12).Select(t => t.Id), running.Concat(more).Select(t => t.Id));
    }

    [Fact]
    public void The_same_history_gives_the_same_suggestions_and_none_repeats_one()
    {
        var spec = TpeSweeps.LearningRate(seed: 5, count: 40);
        var history = TpeSweeps.Play(new TpeSearch(spec), 25, TpeSweeps.LearningRateObjective);

        var first = new TpeSearch(spec).Suggest(new SearchHistory(history), 5);
        var again = new TpeSearch(spec).Suggest(new SearchHistory(history), 5);

        Assert.Equal(5, first.Count);
        Assert.Equal(first.Select(t => t.Id), again.Select(t => t.Id));
        Assert.Equal(30, history.Select(t => t.Trial.Id).Concat(first.Select(t => t.Id)).Distinct().Count());
    }

    [Fact]
    public void Suggesting_several_at_once_is_suggesting_one_at_a_time_with_the_earlier_ones_running()
    {
        var spec = TpeSweeps.LearningRate(seed: 8, count: 40);
        var history = TpeSweeps.Play(new TpeSearch(spec), 15, TpeSweeps.LearningRateObjective);
        var searcher = new TpeSearch(spec);

        var together = searcher.Suggest(new SearchHistory(history), 4);
        var oneByOne = new List<ObservedTrial>(history);
        for (var i = 0; i < 4; i++)
        {
            oneByOne.Add(new ObservedTrial(Assert.Single(searcher.Suggest(new SearchHistory(oneByOne), 1)), ObservedState.Running));
        }

        Assert.Equal(4, together.Select(t => t.Id).Distinct().Count());
        Assert.Equal(oneByOne.Skip(15).Select(t => t.Trial.Id), together.Select(t => t.Id));
    }

    [Fact]
    public void A_small_discrete_space_is_filled_without_repeats_and_the_budget_ends_the_sweep()
    {
        var spec = SweepSpecParser.Parse("""
            name: small
            method: tpe
            count: 12
            parameters:
              optimizer: {values: [sgd, adam, rmsprop]}
              batch_size: {distribution: int_uniform, min: 1, max: 4}
            """);
        var searcher = new TpeSearch(spec);

        var history = TpeSweeps.Play(searcher, 20, c => c.BatchSize + (c.Optimizer == "adam" ? 10 : 0));

        Assert.Equal(12, history.Select(t => t.Trial.Id).Distinct().Count());
        Assert.Empty(searcher.Suggest(new SearchHistory(history), 3));
    }

    [Fact]
    public void After_thirty_trials_tpe_is_closer_to_the_optimum_than_random_search_on_average()
    {
        var tpe = Seeds.Select(s => TpeSweeps.Play(new TpeSearch(TpeSweeps.LearningRate(s)), 30, TpeSweeps.LearningRateObjective)).ToList();
        var random = Seeds.Select(s => TpeSweeps.Play(SearchStrategies.Searcher(TpeSweeps.LearningRate(s) with { Method = SearchMethod.Random }),
            30, TpeSweeps.LearningRateObjective)).ToList();

        output.WriteLine("mean best of -(log10(lr)+3)^2 over 10 seeds (0 is the optimum)");
        output.WriteLine("trials  tpe        random");
        foreach (var trials in new[] { 10, 20, 30 })
        {
            output.WriteLine($"{trials,6}  {TpeSweeps.Text(tpe.Average(h => TpeSweeps.BestAfter(h, trials)))}  {TpeSweeps.Text(random.Average(h => TpeSweeps.BestAfter(h, trials)))}");
        }

        // Both share the first ten trials; from there TPE should close most of the remaining gap.
        var tpeGap = -tpe.Average(h => TpeSweeps.BestAfter(h, 30));
        var randomGap = -random.Average(h => TpeSweeps.BestAfter(h, 30));
        Assert.True(tpeGap < randomGap / 3, $"TPE's mean gap {tpeGap} is not under a third of random search's {randomGap}");
    }

    [Fact]
    public void A_clearly_best_choice_is_suggested_more_often_than_the_others_after_start_up()
    {
        var picks = new Dictionary<string, int> { ["sgd"] = 0, ["adam"] = 0, ["rmsprop"] = 0 };
        foreach (var seed in Seeds.Take(5))
        {
            var spec = SweepSpecParser.Parse($"""
                name: optimizers
                method: tpe
                count: 30
                seed: {seed}
                parameters:
                  optimizer: {"{"}values: [sgd, adam, rmsprop]{"}"}
                  dropout: {"{"}distribution: uniform, min: 0, max: 0.5{"}"}
                """);
            var history = TpeSweeps.Play(new TpeSearch(spec), 30, c => (c.Optimizer == "adam" ? 1 : 0) - c.Dropout);
            foreach (var trial in history.Skip(TpeSearch.StartupTrials))
            {
                picks[trial.Trial.Config.Optimizer]++;
            }
        }

        output.WriteLine($"after start-up, over 5 seeds: sgd {picks["sgd"]}, adam {picks["adam"]}, rmsprop {picks["rmsprop"]}");
        Assert.True(picks["adam"] > 2 * Math.Max(picks["sgd"], picks["rmsprop"]), $"adam {picks["adam"]}, sgd {picks["sgd"]}, rmsprop {picks["rmsprop"]}");
    }

    [Fact]
    public void Trials_running_near_the_best_push_the_next_suggestion_away_from_it()
    {
        // The same trial count with and without them (failed trials teach nothing but count), so only the liar differs.
        var withLiar = new List<double>();
        var withoutLiar = new List<double>();
        foreach (var seed in Seeds.Concat(Seeds.Select(s => s + 100)))
        {
            var spec = TpeSweeps.LearningRate(seed, count: 40);
            var history = TpeSweeps.Play(new TpeSearch(spec), 15, TpeSweeps.LearningRateObjective);
            var best = history.MaxBy(t => t.Value)!.Trial.Config.LearningRate;
            var near = new[] { 0.98, 0.99, 1.01, 1.02 }
                .Select(f => PlannedTrial.For(TrialConfigBuilder.Build(spec, [KeyValuePair.Create("learning_rate", ParameterValue.OfReal(best * f))])))
                .ToList();

            double DistanceOfNext(ObservedState state)
            {
                var trials = history.Concat(near.Select(t => new ObservedTrial(t, state))).ToList();
                var next = Assert.Single(new TpeSearch(spec).Suggest(new SearchHistory(trials), 1));
                return Math.Abs(Math.Log10(next.Config.LearningRate) - Math.Log10(best));
            }

            withLiar.Add(DistanceOfNext(ObservedState.Running));
            withoutLiar.Add(DistanceOfNext(ObservedState.Failed));
        }

        // The running trials span ±0.01 decades around the best; without them TPE often suggests right beside it.
        var closeWith = withLiar.Count(d => d < 0.15);
        var closeWithout = withoutLiar.Count(d => d < 0.15);
        output.WriteLine($"next suggestion within 0.15 decades of the best: {closeWith} of 20 with 4 running beside it, {closeWithout} of 20 without; "
            + $"mean distance {withLiar.Average():F3} and {withoutLiar.Average():F3} decades");
        Assert.True(closeWithout >= 3 && closeWith < closeWithout, $"close to the best: {closeWith} with running trials, {closeWithout} without");
        Assert.True(withLiar.Average() > withoutLiar.Average(), $"mean distance {withLiar.Average()} with running trials, {withoutLiar.Average()} without");
    }

    [Fact]
    public void Suggesting_four_at_once_spreads_them_out()
    {
        var spreadTogether = new List<double>();
        var spreadAlone = new List<double>();
        foreach (var seed in Seeds)
        {
            var spec = TpeSweeps.LearningRate(seed, count: 40);
            var history = TpeSweeps.Play(new TpeSearch(spec), 15, TpeSweeps.LearningRateObjective);
            var together = new TpeSearch(spec).Suggest(new SearchHistory(history), 4).Select(t => Math.Log10(t.Config.LearningRate)).ToList();

            // Four suggestions from the same history without the liar: each alone, the history padded with failed trials to the same length.
            var alone = Enumerable.Range(0, 4).Select(i =>
            {
                var padded = history.Concat(Enumerable.Range(0, i).Select(j => new ObservedTrial(history[j].Trial, ObservedState.Failed))).ToList();
                return Math.Log10(Assert.Single(new TpeSearch(spec).Suggest(new SearchHistory(padded), 1)).Config.LearningRate);
            }).ToList();

            Assert.Equal(4, together.Distinct().Count());
            spreadTogether.Add(together.Max() - together.Min());
            spreadAlone.Add(alone.Max() - alone.Min());
        }

        output.WriteLine($"mean spread (log10) of 4 suggestions: {spreadTogether.Average():F4} at once, {spreadAlone.Average():F4} each alone");
        Assert.True(spreadTogether.Average() > spreadAlone.Average(), $"at once {spreadTogether.Average()}, alone {spreadAlone.Average()}");
    }

    [Fact]
    public void Whole_numbers_stay_integers_within_their_inclusive_range_and_reach_its_top()
    {
        var spec = SweepSpecParser.Parse("""
            name: ints
            method: tpe
            count: 40
            seed: 11
            parameters:
              batch_size: {distribution: int_uniform, min: 1, max: 3}
              dropout: {distribution: uniform, min: 0, max: 0.5}
            """);

        var history = TpeSweeps.Play(new TpeSearch(spec), 40, c => c.BatchSize - c.Dropout);
        var sizes = history.Skip(TpeSearch.StartupTrials).Select(t => t.Trial.Config.BatchSize).ToList();

        Assert.All(sizes, s => Assert.InRange(s, 1, 3));
        Assert.True(sizes.Count(s => s == 3) > sizes.Count / 2, $"batch sizes after start-up: {string.Join(",", sizes)}");
    }

    [Fact]
    public void Log_uniform_suggestions_stay_below_max_when_the_objective_pushes_against_it()
    {
        var spec = TpeSweeps.LearningRate(seed: 4, count: 40);

        var history = TpeSweeps.Play(new TpeSearch(spec), 40, c => Math.Log(c.LearningRate));
        var rates = history.Skip(TpeSearch.StartupTrials).Select(t => t.Trial.Config.LearningRate).ToList();

        Assert.All(rates, r => Assert.True(r >= 1e-5 && r < 1e-1, $"{r} is outside [1e-5, 1e-1)"));
        Assert.True(rates.Max() > 0.09, $"the largest rate was {rates.Max()}");
    }

    [Fact]
    public void Minimizing_looks_for_low_values()
    {
        var spec = SweepSpecParser.Parse("""
            name: loss
            method: tpe
            count: 30
            seed: 6
            metric: {name: val_loss}
            parameters:
              dropout: {distribution: uniform, min: 0, max: 0.5}
            """);

        var history = TpeSweeps.Play(new TpeSearch(spec), 30, c => c.Dropout);

        Assert.Equal(MetricGoal.Minimize, spec.Metric.Goal);
        Assert.True(history.Skip(20).Average(t => t.Trial.Config.Dropout) < 0.1, string.Join(",", history.Select(t => t.Trial.Config.Dropout)));
    }

    [Fact]
    public void Fixed_parameters_keep_their_value()
    {
        var spec = SweepSpecParser.Parse("""
            name: fixed
            method: tpe
            count: 20
            parameters:
              optimizer: {value: sgd}
              dropout: {distribution: uniform, min: 0, max: 0.5}
            """);

        var history = TpeSweeps.Play(new TpeSearch(spec), 20, c => -c.Dropout);

        Assert.All(history, t => Assert.Equal("sgd", t.Trial.Config.Optimizer));
    }
}
