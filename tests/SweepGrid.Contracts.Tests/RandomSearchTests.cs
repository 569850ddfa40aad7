using SweepGrid.Contracts.Parsing;
using SweepGrid.Contracts.Search;
using SweepGrid.Contracts.Specs;

namespace SweepGrid.Contracts.Tests;

public sealed class RandomSearchTests
{
    [Fact]
    public void The_same_spec_draws_the_same_trials_in_the_same_order()
    {
        var first = SearchStrategies.For(SweepSpecParser.Parse(ExampleSpecs.RandomSearch)).Expand(SweepSpecParser.Parse(ExampleSpecs.RandomSearch));
        var second = new RandomSearch().Expand(SweepSpecParser.Parse(ExampleSpecs.RandomSearch));

        Assert.Equal(40, first.Count);
        Assert.Equal(first.Select(t => t.Id), second.Select(t => t.Id));
        Assert.Equal(first.Select(t => t.Config), second.Select(t => t.Config));
    }

    [Fact]
    public void Another_sampler_seed_draws_other_trials()
    {
        var first = new RandomSearch().Expand(SweepSpecParser.Parse(ExampleSpecs.RandomSearch));
        var reseeded = new RandomSearch().Expand(SweepSpecParser.Parse(ExampleSpecs.RandomSearch.Replace("seed: 1234", "seed: 1235")));

        Assert.Empty(first.Select(t => t.Id).Intersect(reseeded.Select(t => t.Id)));
    }

    [Fact]
    public void Draws_stay_within_their_distributions_and_spread_across_them()
    {
        var trials = new RandomSearch().Expand(SweepSpecParser.Parse(ExampleSpecs.RandomSearch.Replace("count: 40", "count: 2000")));

        Assert.All(trials, t =>
        {
            Assert.InRange(t.Config.LearningRate, 1e-4, 1e-1);
            Assert.True(t.Config.LearningRate < 1e-1);
            Assert.InRange(t.Config.Dropout, 0.0, 0.5);
            Assert.True(t.Config.Dropout < 0.5);
            Assert.InRange(t.Config.BatchSize, 32, 256);
            Assert.Equal(5, t.Config.Epochs);
        });
        Assert.Equal(["adam", "rmsprop", "sgd"], trials.Select(t => t.Config.Optimizer).Distinct().Order());
        Assert.Contains(trials, t => t.Config.BatchSize == 32);
        Assert.Contains(trials, t => t.Config.BatchSize == 256);

        // log_uniform: each decade of [1e-4, 1e-1) holds about a third of the draws.
        var belowOneThousandth = trials.Count(t => t.Config.LearningRate < 1e-3) / (double)trials.Count;
        Assert.InRange(belowOneThousandth, 0.28, 0.39);
    }

    [Fact]
    public void Drawn_reals_are_rounded_to_six_significant_digits()
    {
        var trials = new RandomSearch().Expand(SweepSpecParser.Parse(ExampleSpecs.RandomSearch));

        Assert.All(trials, t => Assert.True(
            t.Config.LearningRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0', '.').Replace(".", "").Split('E')[0].Length <= 6,
            $"{t.Config.LearningRate} has more than six significant digits"));
    }

    [Fact]
    public void Repeated_draws_of_a_small_space_are_dropped_so_each_configuration_appears_once()
    {
        var spec = SweepSpecParser.Parse("""
            name: small
            method: random
            count: 6
            seed: 99
            parameters:
              optimizer: {values: [sgd, adam, rmsprop]}
              batch_norm: {values: [true, false]}
            """);

        var trials = new RandomSearch().Expand(spec);

        Assert.Equal(6, trials.Count);
        Assert.Equal(6, trials.Select(t => (t.Config.Optimizer, t.Config.BatchNorm)).Distinct().Count());
        Assert.Equal(
            new GridSearch().Expand(spec).Select(t => t.Id.Value).Order(),
            trials.Select(t => t.Id.Value).Order());
    }

    [Fact]
    public void Whole_number_draws_cover_an_int_uniform_range_without_repeats()
    {
        var trials = new RandomSearch().Expand(SweepSpecParser.Parse(
            "name: seeds\nmethod: random\ncount: 10\nparameters:\n  seed: {distribution: int_uniform, min: 1, max: 10}\n"));

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), trials.Select(t => t.Config.Seed).Order());
    }

    [Fact]
    public void A_space_smaller_than_count_built_in_code_yields_what_it_holds_instead_of_looping()
    {
        var spec = new SweepSpec
        {
            Name = "direct",
            Method = SearchMethod.Random,
            Count = 50,
            Parameters = [new ParameterSpec { Name = "optimizer", Sampling = ParameterSampling.Values, Values = [ParameterValue.OfChoice("sgd"), ParameterValue.OfChoice("adam")] }],
        };

        Assert.Equal(2, new RandomSearch().Expand(spec).Count);
    }

    [Fact]
    public void Random_search_without_a_count_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new RandomSearch().Expand(new SweepSpec { Name = "n", Method = SearchMethod.Random }));
    }
}
