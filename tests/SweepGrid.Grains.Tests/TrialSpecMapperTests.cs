using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Trials;
using SweepGrid.Silo.Workers;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Grains.Tests;

public sealed class TrialSpecMapperTests
{
    [Fact]
    public void Every_name_the_catalog_allows_maps_to_its_own_trainer_value_and_every_trainer_value_is_reachable()
    {
        Assert.Equal(Enum.GetValues<OptimizerKind>().Order(), ConfigCatalog.Optimizers.Select(TrialSpecMapper.OptimizerOf).Order());
        Assert.Equal(Enum.GetValues<LrScheduleKind>().Order(), ConfigCatalog.LrSchedules.Select(TrialSpecMapper.ScheduleOf).Order());
        Assert.Equal(Enum.GetValues<Normalization>().Order(), ConfigCatalog.Normalizations.Select(TrialSpecMapper.NormalizationOf).Order());
        Assert.Equal(Enum.GetValues<Activation>().Order(), ConfigCatalog.Activations.Select(TrialSpecMapper.ActivationOf).Order());
    }

    [Theory]
    [InlineData("optimizer", "adagrad", "sgd, adam, rmsprop")]
    [InlineData("lr_schedule", "exponential", "constant, step, cosine")]
    [InlineData("normalization", "zero_to_one", "minus_one_to_one, standardize")]
    [InlineData("activations", "softsign", "relu, gelu, tanh")]
    public void A_name_the_catalog_does_not_allow_is_refused_naming_the_field_and_the_allowed_names(string field, string name, string allowed)
    {
        Func<object> map = field switch
        {
            "optimizer" => () => TrialSpecMapper.OptimizerOf(name),
            "lr_schedule" => () => TrialSpecMapper.ScheduleOf(name),
            "normalization" => () => TrialSpecMapper.NormalizationOf(name),
            _ => () => TrialSpecMapper.ActivationOf(name),
        };

        var error = Assert.Throws<TrainingConfigException>(map);
        Assert.Equal((field, name), (error.Field, error.Value));
        Assert.Contains(allowed, error.Allowed);
    }

    [Fact]
    public void A_configurations_fields_reach_the_trainer()
    {
        var config = new TrialConfig
        {
            Optimizer = "rmsprop",
            LearningRate = 0.002,
            Beta1 = 0.8,
            Beta2 = 0.95,
            Eps = 1e-6,
            LabelSmoothing = 0.1,
            Normalization = "standardize",
            Activations = ["leaky_relu"],
            LrSchedule = "cosine",
            MinLearningRate = 0.0001,
            DatasetPath = "/data/mine",
        };

        var spec = TrialSpecMapper.ToSpec(config, "cpu", 1, null);

        Assert.Equal((OptimizerKind.RmsProp, 0.002, 0.8, 0.95, 1e-6), (spec.Optimizer.Kind, spec.Optimizer.LearningRate, spec.Optimizer.Beta1, spec.Optimizer.Beta2, spec.Optimizer.Eps));
        Assert.Equal((LrScheduleKind.Cosine, 0.0001), (spec.Optimizer.Schedule, spec.Optimizer.MinLearningRate));
        Assert.Equal(0.1, spec.LabelSmoothing);
        Assert.Equal(Normalization.Standardize, spec.Dataset.Normalization);
        Assert.Equal([Activation.LeakyRelu], spec.Model.Activations);
        Assert.Equal("/data/mine", spec.Dataset.Source);
    }
}
