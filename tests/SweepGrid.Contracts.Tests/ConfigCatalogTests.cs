using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Parsing;
using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Tests;

public sealed class ConfigCatalogTests
{
    [Fact]
    public void Every_field_is_defined_once_and_shown_once_in_reading_order()
    {
        Assert.Equal(ConfigCatalog.All.Count, ConfigCatalog.All.Select(f => f.Name).Distinct().Count());
        Assert.Equal(ConfigCatalog.All.Select(f => f.Name).Order(), ConfigCatalog.InReadingOrder.Select(f => f.Name).Order());
        foreach (var section in Enum.GetValues<ConfigSection>())
        {
            Assert.Equal(ConfigCatalog.In(section).Count, ConfigCatalog.In(section).Select(f => f.SpecKey).Distinct().Count());
        }
    }

    [Fact]
    public void A_new_configuration_holds_every_fields_default()
    {
        var config = new TrialConfig();

        Assert.All(ConfigCatalog.All, f => Assert.Equal(f.DefaultFor(config), f.Get(config)));
        Assert.Empty(ConfigCatalog.Problems(config));
    }

    [Theory]
    [InlineData("beta1", 0.95)]
    [InlineData("beta2", 0.99)]
    [InlineData("eps", 1e-6)]
    [InlineData("label_smoothing", 0.1)]
    public void A_field_added_later_changes_the_id_only_when_it_leaves_its_default(string name, double value)
    {
        var field = ConfigCatalog.Find(name)!;
        var plain = new TrialConfig();
        var atDefault = field.Set(plain, field.Default);
        var changed = field.Set(plain, ParameterValue.OfReal(value));

        Assert.Equal(TrialId.Of(plain), TrialId.Of(atDefault));
        Assert.DoesNotContain(name + "=", plain.ToCanonicalText());
        Assert.NotEqual(TrialId.Of(plain), TrialId.Of(changed));
        Assert.Contains($"\n{name}={ParameterValue.OfReal(value)}\n", changed.ToCanonicalText());
        Assert.Equal(value, field.Get(changed)!.Real);
    }

    [Fact]
    public void The_four_new_hyperparameters_are_spec_keys_that_fix_and_sweep_like_any_other()
    {
        var plan = SweepSpecParser.Plan("""
            name: adam-knobs
            training: {optimizer: adam, beta2: 0.99, eps: 1.0e-7}
            parameters:
              beta1: {values: [0.8, 0.9]}
              label_smoothing: {values: [0, 0.1]}
            """);

        Assert.Equal(4, plan.Trials.Count);
        Assert.All(plan.Trials, t => Assert.Equal((0.99, 1e-7), (t.Config.Beta2, t.Config.Eps)));
        Assert.Equal([(0.8, 0.0), (0.8, 0.1), (0.9, 0.0), (0.9, 0.1)], plan.Trials.Select(t => (t.Config.Beta1, t.Config.LabelSmoothing)));
        Assert.Equal(4, plan.Trials.Select(t => t.Id).Distinct().Count());

        var random = SweepSpecParser.Plan("""
            name: smoothing
            method: random
            count: 5
            parameters: {label_smoothing: {distribution: uniform, min: 0, max: 0.3}}
            """);
        Assert.All(random.Trials, t => Assert.InRange(t.Config.LabelSmoothing, 0, 0.3));
    }

    [Theory]
    [InlineData("training: {beta1: 1}", "training.beta1", "at least 0 and below 1")]
    [InlineData("training: {eps: 0}", "training.eps", "above 0")]
    [InlineData("training: {label_smoothing: -0.1}", "training.label_smoothing", "at least 0 and below 1")]
    [InlineData("model: {hidden: [100000]}", "model.hidden[0]", "at most 16,384")]
    [InlineData("training: {batch_size: 1000000}", "training.batch_size", "at most 65,536")]
    [InlineData("training: {epochs: 1000000}", "training.epochs", "at most 10,000")]
    public void Values_that_could_exhaust_a_machine_or_break_training_are_refused_with_their_path(string section, string path, string allowed)
    {
        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse($"name: s\n{section}\n"));

        var only = Assert.Single(error.Errors);
        Assert.Equal(path, only.Path);
        Assert.Contains(allowed, only.Allowed);
    }

    [Fact]
    public void Nesterov_without_sgd_and_momentum_is_refused_at_parse_time_where_it_is_written()
    {
        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse("""
            name: s
            training: {optimizer: adam, nesterov: true}
            """, "spec.yaml"));

        var only = Assert.Single(error.Errors);
        Assert.Equal("training.nesterov", only.Path);
        Assert.Equal(2, only.Line);
        Assert.Contains("nesterov needs optimizer sgd with momentum above 0", only.Problem);
        Assert.Contains("optimizer=adam", only.Problem);
    }

    [Fact]
    public void A_rule_broken_by_only_some_trials_of_a_grid_is_refused_once_naming_such_a_trial()
    {
        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse("""
            name: s
            training: {momentum: 0.9, nesterov: true}
            parameters:
              optimizer: {values: [sgd, adam, rmsprop]}
            """));

        var only = Assert.Single(error.Errors);
        Assert.Equal("training.nesterov", only.Path);
        Assert.Contains("optimizer=adam momentum=0.9 nesterov=true", only.Problem);
        Assert.Contains("in a trial the search expands to", only.Problem);
    }

    [Fact]
    public void A_min_learning_rate_above_the_learning_rate_is_refused()
    {
        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse("""
            name: s
            training: {lr_schedule: cosine, min_learning_rate: 0.01}
            parameters:
              learning_rate: {values: [0.1, 0.001]}
            """));

        var only = Assert.Single(error.Errors);
        Assert.Equal("training.min_learning_rate", only.Path);
        Assert.Contains("learning_rate=0.001 min_learning_rate=0.01", only.Problem);
    }

    [Fact]
    public void No_validation_split_cannot_rank_by_a_validation_metric_but_can_by_a_test_metric()
    {
        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse("""
            name: s
            dataset: {validation_split: 0}
            parameters: {dropout: {values: [0, 0.2]}}
            """));

        var only = Assert.Single(error.Errors);
        Assert.Equal("dataset.validation_split", only.Path);
        Assert.Contains("test_accuracy", only.Allowed);

        var spec = SweepSpecParser.Parse("""
            name: s
            dataset: {validation_split: 0}
            metric: {name: test_loss}
            parameters: {dropout: {values: [0, 0.2]}}
            """);
        Assert.Equal(new MetricSpec { Name = "test_loss", Goal = MetricGoal.Minimize }, spec.Metric);
    }

    [Fact]
    public void Every_rankable_metric_is_a_spec_metric()
    {
        var metrics = new TrialMetrics { ValLoss = 1, ValAccuracy = 2, ValMacroF1 = 3, TestLoss = 4, TestAccuracy = 5, TestMacroF1 = 6 };

        Assert.Equal(TrialMetrics.Names, SpecVocabulary.Metrics);
        Assert.All(TrialMetrics.Names, name => Assert.NotNull(metrics.Value(name)));
    }

    [Fact]
    public void The_learning_rate_default_follows_each_trials_optimizer_unless_a_spec_sets_it()
    {
        var followed = SweepSpecParser.Plan("name: s\nparameters: {optimizer: {values: [sgd, adam, rmsprop]}}\n");
        var fixedRate = SweepSpecParser.Plan("name: s\ntraining: {learning_rate: 0.02}\nparameters: {optimizer: {values: [sgd, adam]}}\n");

        Assert.Equal([0.04, 0.001, 0.001], followed.Trials.Select(t => t.Config.LearningRate));
        Assert.Equal([0.02, 0.02], fixedRate.Trials.Select(t => t.Config.LearningRate));
    }

    [Theory]
    [InlineData("learning_rate", "1e-3", "0.001")]
    [InlineData("hidden", "256, 128", "[256,128]")]
    [InlineData("activations", "relu,leaky-relu", "[relu,leaky_relu]")]
    [InlineData("normalization", "minus-one-to-one", "minus_one_to_one")]
    [InlineData("nesterov", "", "true")]
    [InlineData("nesterov", "false", "false")]
    public void Command_line_text_reads_into_the_fields_value(string name, string text, string expected)
    {
        var (value, problem) = ConfigText.Parse(ConfigCatalog.Find(name)!, text);

        Assert.Null(problem);
        Assert.Equal(expected, value!.ToString());
    }

    [Theory]
    [InlineData("optimizer", "adamw", "one of sgd, adam, rmsprop")]
    [InlineData("hidden", "128,x", "positive layer sizes")]
    [InlineData("epochs", "ten", "'ten'")]
    [InlineData("beta2", "1.5", "below 1")]
    public void Bad_command_line_text_names_the_text_and_what_is_allowed(string name, string text, string hint)
    {
        var (value, problem) = ConfigText.Parse(ConfigCatalog.Find(name)!, text);

        Assert.Null(value);
        Assert.Contains(hint, problem);
    }
}
