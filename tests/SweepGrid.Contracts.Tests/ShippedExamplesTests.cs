using SweepGrid.Contracts.Parsing;
using SweepGrid.Contracts.Search;

namespace SweepGrid.Contracts.Tests;

/// <summary>The specs in examples/ are what new users run first: they must parse and expand to the sweeps the README describes.</summary>
public sealed class ShippedExamplesTests
{
    private static string Example(string name)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SweepGrid.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("SweepGrid.sln not found above the test folder"), "examples", name);
    }

    [Fact]
    public void The_fashion_mnist_example_is_optimizer_by_learning_rate_by_dropout()
    {
        var path = Example("fashion-mnist-optimizers.yaml");
        var spec = SweepSpecParser.Parse(File.ReadAllText(path), path);
        var trials = SearchStrategies.For(spec).Expand(spec);

        Assert.Equal(27, trials.Count);
        Assert.Equal(["adam", "rmsprop", "sgd"], trials.Select(t => t.Config.Optimizer).Distinct().Order());
        Assert.Equal([0.001, 0.01, 0.04], trials.Select(t => t.Config.LearningRate).Distinct().Order());
        Assert.Equal([0.0, 0.2, 0.5], trials.Select(t => t.Config.Dropout).Distinct().Order());
        Assert.All(trials, t => Assert.Equal("fashion-mnist", t.Config.DatasetName));
    }

    [Fact]
    public void The_cifar10_example_is_the_seed_experiment()
    {
        var path = Example("cifar10-optimizers.yaml");
        var spec = SweepSpecParser.Parse(File.ReadAllText(path), path);
        var trials = SearchStrategies.For(spec).Expand(spec).ToDictionary(t => t.Config.Optimizer, t => t.Config);

        Assert.Equal(0.04, trials["sgd"].LearningRate);
        Assert.Equal(0.001, trials["adam"].LearningRate);
        Assert.Equal(0.001, trials["rmsprop"].LearningRate);
        Assert.All(trials.Values, c =>
        {
            Assert.Equal("cifar10", c.DatasetName);
            Assert.Equal(0.1, c.ValidationSplit);
            Assert.Equal("minus_one_to_one", c.Normalization);
            Assert.Equal(0.2, c.Dropout);
            Assert.Equal([128, 64, 32], c.Hidden);
            Assert.Equal(["relu", "gelu", "tanh"], c.Activations);
            Assert.True(c.BatchNorm);
        });
    }

    [Fact]
    public void The_asha_example_is_the_example_grid_at_nine_epochs_with_asha()
    {
        var path = Example("fashion-mnist-asha.yaml");
        var plan = SweepSpecParser.Plan(File.ReadAllText(path), path);

        Assert.Equal(27, plan.Trials.Count);
        Assert.All(plan.Trials, t => Assert.Equal(9, t.Config.Epochs));
        Assert.Equal(new Specs.EarlyStopSpec { Type = Specs.EarlyStopType.Asha, MinIter = 1, Eta = 3 }, plan.Spec.EarlyTerminate);
    }

    [Fact]
    public void The_tpe_example_searches_optimizer_learning_rate_dropout_and_weight_decay_with_asha()
    {
        var path = Example("fashion-mnist-tpe.yaml");
        var plan = SweepSpecParser.Plan(File.ReadAllText(path), path);

        Assert.Equal((Specs.SearchMethod.Tpe, 30, 30), (plan.Spec.Method, plan.Spec.Count, plan.TrialCount));
        Assert.Equal(["optimizer", "learning_rate", "dropout", "weight_decay"], plan.Spec.Parameters.Select(p => p.Name));
        Assert.Equal(Specs.EarlyStopType.Asha, plan.Spec.EarlyTerminate!.Type);
        Assert.IsType<TpeSearch>(SearchStrategies.Searcher(plan.Spec));
    }
}
