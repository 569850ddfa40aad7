using SweepGrid.Contracts.Parsing;
using SweepGrid.Contracts.Search;
using SweepGrid.Contracts.Specs;

namespace SweepGrid.Contracts.Tests;

public sealed class GridSearchTests
{
    [Fact]
    public void The_example_spec_expands_to_27_trials_with_27_distinct_ids()
    {
        var trials = SearchStrategies.For(SweepSpecParser.Parse(ExampleSpecs.FashionOptimizers)).Expand(SweepSpecParser.Parse(ExampleSpecs.FashionOptimizers));

        Assert.Equal(27, trials.Count);
        Assert.Equal(27, trials.Select(t => t.Id.Value).Distinct().Count());
        Assert.All(trials, t => Assert.Matches("^[0-9a-f]{16}$", t.Id.Value));
    }

    [Fact]
    public void The_grid_follows_the_order_written_with_the_last_parameter_varying_fastest()
    {
        var trials = new GridSearch().Expand(SweepSpecParser.Parse(ExampleSpecs.FashionOptimizers));

        var order = trials.Select(t => (t.Config.Optimizer, t.Config.LearningRate, t.Config.Dropout)).ToList();
        Assert.Equal(("sgd", 0.04, 0.0), order[0]);
        Assert.Equal(("sgd", 0.04, 0.2), order[1]);
        Assert.Equal(("sgd", 0.01, 0.0), order[3]);
        Assert.Equal(("adam", 0.04, 0.0), order[9]);
        Assert.Equal(("rmsprop", 0.001, 0.5), order[26]);
    }

    [Fact]
    public void Every_trial_carries_the_fixed_sections_in_full()
    {
        var trial = new GridSearch().Expand(SweepSpecParser.Parse(ExampleSpecs.FashionOptimizers))[0].Config;

        Assert.Equal(("fashion-mnist", "/usr/share/datasets/fashion-mnist", 0.1), (trial.DatasetName, trial.DatasetPath, trial.ValidationSplit));
        Assert.Equal([128, 64, 32], trial.Hidden);
        Assert.Equal(["relu", "gelu", "tanh"], trial.Activations);
        Assert.Equal((10, 128, 42L, true), (trial.Epochs, trial.BatchSize, trial.Seed, trial.BatchNorm));
    }

    [Fact]
    public void Expanding_the_same_spec_twice_gives_identical_ids_in_identical_order()
    {
        var first = new GridSearch().Expand(SweepSpecParser.Parse(ExampleSpecs.FashionOptimizers));
        var second = new GridSearch().Expand(SweepSpecParser.Parse(ExampleSpecs.FashionOptimizers));

        Assert.Equal(first.Select(t => t.Id), second.Select(t => t.Id));
        Assert.Equal(first.Select(t => t.Config), second.Select(t => t.Config));
    }

    [Fact]
    public void Reordering_keys_within_mappings_and_rewriting_numbers_does_not_change_ids()
    {
        var original = new GridSearch().Expand(SweepSpecParser.Parse(ExampleSpecs.FashionOptimizers));
        var reordered = new GridSearch().Expand(SweepSpecParser.Parse(ExampleSpecs.FashionOptimizersReordered));

        Assert.Equal(original.Select(t => t.Id), reordered.Select(t => t.Id));
    }

    [Fact]
    public void Reordering_the_parameters_changes_the_order_but_not_the_set_of_trials()
    {
        var swapped = ExampleSpecs.FashionOptimizers
            .Replace("  optimizer: {values: [sgd, adam, rmsprop]}\n", "")
            .Replace("  dropout: {values: [0.0, 0.2, 0.5]}\n", "  dropout: {values: [0.0, 0.2, 0.5]}\n  optimizer: {values: [sgd, adam, rmsprop]}\n");
        var original = new GridSearch().Expand(SweepSpecParser.Parse(ExampleSpecs.FashionOptimizers));
        var reordered = new GridSearch().Expand(SweepSpecParser.Parse(swapped));

        Assert.Equal(["learning_rate", "dropout", "optimizer"], SweepSpecParser.Parse(swapped).Parameters.Select(p => p.Name));
        Assert.NotEqual(original.Select(t => t.Id), reordered.Select(t => t.Id));
        Assert.Equal(original.Select(t => t.Id.Value).Order(), reordered.Select(t => t.Id.Value).Order());
    }

    [Fact]
    public void Changing_any_configured_value_changes_the_ids()
    {
        var original = new GridSearch().Expand(SweepSpecParser.Parse(ExampleSpecs.FashionOptimizers));
        var moreEpochs = new GridSearch().Expand(SweepSpecParser.Parse(ExampleSpecs.FashionOptimizers.Replace("epochs: 10", "epochs: 11")));

        Assert.Empty(original.Select(t => t.Id).Intersect(moreEpochs.Select(t => t.Id)));
    }

    [Fact]
    public void A_learning_rate_not_given_anywhere_is_the_optimizers_own_default()
    {
        var spec = SweepSpecParser.Parse("name: defaults\nparameters:\n  optimizer: {values: [sgd, adam, rmsprop]}\n");

        var rates = new GridSearch().Expand(spec).Select(t => (t.Config.Optimizer, t.Config.LearningRate));

        Assert.Equal([("sgd", 0.04), ("adam", 0.001), ("rmsprop", 0.001)], rates);
    }

    [Fact]
    public void A_spec_without_parameters_expands_to_its_one_fixed_trial()
    {
        var trials = new GridSearch().Expand(SweepSpecParser.Parse("name: one\ntraining: {optimizer: sgd, epochs: 3}\n"));

        var only = Assert.Single(trials);
        Assert.Equal(("sgd", 0.04, 3), (only.Config.Optimizer, only.Config.LearningRate, only.Config.Epochs));
    }

    [Fact]
    public void A_fixed_parameter_applies_to_every_trial()
    {
        var trials = new GridSearch().Expand(SweepSpecParser.Parse(
            "name: f\nparameters:\n  momentum: {value: 0.9}\n  hidden: {values: [[64], [32]]}\n  activations: {value: [silu]}\n"));

        Assert.Equal(2, trials.Count);
        Assert.All(trials, t => Assert.Equal((0.9, "silu"), (t.Config.Momentum, Assert.Single(t.Config.Activations))));
        Assert.Equal([[64], [32]], trials.Select(t => t.Config.Hidden));
    }

    [Fact]
    public void A_distribution_handed_to_grid_search_directly_is_refused()
    {
        var spec = SweepSpecParser.Parse(ExampleSpecs.RandomSearch);

        Assert.Throws<ArgumentException>(() => new GridSearch().Expand(spec));
    }
}
