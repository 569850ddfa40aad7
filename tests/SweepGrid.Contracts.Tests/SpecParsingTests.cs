using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Parsing;
using SweepGrid.Contracts.Specs;

namespace SweepGrid.Contracts.Tests;

public sealed class SpecParsingTests
{
    [Fact]
    public void The_example_spec_reads_into_its_sections_and_parameters()
    {
        var spec = SweepSpecParser.Parse(ExampleSpecs.FashionOptimizers, "fashion.yaml");

        Assert.Equal("fashion-optimizers", spec.Name);
        Assert.Equal("fashion-mnist", spec.Base.DatasetName);
        Assert.Equal("/usr/share/datasets/fashion-mnist", spec.Base.DatasetPath);
        Assert.Equal(0.1, spec.Base.ValidationSplit);
        Assert.Equal([128, 64, 32], spec.Base.Hidden);
        Assert.Equal(["relu", "gelu", "tanh"], spec.Base.Activations);
        Assert.True(spec.Base.BatchNorm);
        Assert.Equal(10, spec.Base.Epochs);
        Assert.Equal(128, spec.Base.BatchSize);
        Assert.Equal(42, spec.Base.Seed);
        Assert.DoesNotContain("learning_rate", spec.Fixed);
        Assert.Equal(SearchMethod.Grid, spec.Method);
        Assert.Equal(new MetricSpec { Name = "val_accuracy", Goal = MetricGoal.Maximize }, spec.Metric);
        Assert.Equal(["optimizer", "learning_rate", "dropout"], spec.Parameters.Select(p => p.Name));
        Assert.All(spec.Parameters, p => Assert.Equal(ParameterSampling.Values, p.Sampling));
        Assert.Equal(["sgd", "adam", "rmsprop"], spec.Parameters[0].Values.Select(v => v.Choice));
        Assert.Equal([0.04, 0.01, 0.001], spec.Parameters[1].Values.Select(v => v.Real));
        Assert.Equal(8, spec.MaxConcurrentTrials);
        Assert.Equal(2, spec.MaxRetries);
    }

    [Fact]
    public void A_random_spec_reads_its_count_seed_and_distributions()
    {
        var spec = SweepSpecParser.Parse(ExampleSpecs.RandomSearch);

        Assert.Equal(SearchMethod.Random, spec.Method);
        Assert.Equal(40, spec.Count);
        Assert.Equal(1234, spec.SamplerSeed);
        Assert.Equal(6000, spec.Base.TrainLimit);
        var learningRate = spec.Parameters.Single(p => p.Name == "learning_rate");
        Assert.Equal((ParameterSampling.LogUniform, 1e-4, 1e-1), (learningRate.Sampling, learningRate.Min, learningRate.Max));
        var batchSize = spec.Parameters.Single(p => p.Name == "batch_size");
        Assert.Equal((ParameterSampling.IntUniform, 32.0, 256.0), (batchSize.Sampling, batchSize.Min, batchSize.Max));
        Assert.Equal([[128, 64, 32], [256, 128, 64]], spec.Parameters.Single(p => p.Name == "hidden").Values.Select(v => v.Sizes));
    }

    [Fact]
    public void A_spec_without_parameters_is_one_fixed_trial_from_its_sections()
    {
        var spec = SweepSpecParser.Parse("""
            name: single
            training: {optimizer: sgd, learning_rate: 0.04, momentum: 0.9, nesterov: true, lr_schedule: cosine}
            model: {dropout: 0.3, activations: [relu]}
            """);

        Assert.Empty(spec.Parameters);
        Assert.Equal("sgd", spec.Base.Optimizer);
        Assert.Equal(0.04, spec.Base.LearningRate);
        Assert.Equal(0.9, spec.Base.Momentum);
        Assert.True(spec.Base.Nesterov);
        Assert.Equal("cosine", spec.Base.LrSchedule);
        Assert.Equal(0.3, spec.Base.Dropout);
    }

    [Fact]
    public void Names_are_matched_without_regard_to_case_and_stored_in_their_canonical_form()
    {
        var spec = SweepSpecParser.Parse("""
            name: cased
            dataset: {name: CIFAR10}
            parameters:
              optimizer: {values: [SGD, Adam]}
            """);

        Assert.Equal("cifar10", spec.Base.DatasetName);
        Assert.Equal(["sgd", "adam"], spec.Parameters[0].Values.Select(v => v.Choice));
    }

    [Fact]
    public void A_dataset_of_any_name_is_accepted_when_it_has_a_path()
    {
        var spec = SweepSpecParser.Parse("""
            name: own-data
            dataset: {name: kmnist, path: /data/kmnist, normalization: standardize, test_limit: 500}
            training: {epochs: 1}
            """);

        Assert.Equal(("kmnist", "/data/kmnist", "standardize", 500), (spec.Base.DatasetName, spec.Base.DatasetPath, spec.Base.Normalization, spec.Base.TestLimit));
    }

    [Theory]
    [InlineData("val_loss", MetricGoal.Minimize)]
    [InlineData("val_macro_f1", MetricGoal.Maximize)]
    public void A_metric_without_a_goal_takes_the_one_its_name_implies(string metric, MetricGoal goal)
    {
        var spec = SweepSpecParser.Parse($"name: m\nmetric: {{name: {metric}}}\ntraining: {{epochs: 1}}\n");

        Assert.Equal(goal, spec.Metric.Goal);
    }

    [Fact]
    public void The_vocabulary_lists_exactly_the_fields_the_sections_accept()
    {
        var sweepable = ConfigCatalog.All.Where(f => f.Section != ConfigSection.Dataset).Select(f => f.Name);
        Assert.Equal(sweepable.Order(), SpecVocabulary.ParameterNames.Order());
    }
}
