using SweepGrid.Contracts.Parsing;
using SweepGrid.Contracts.Search;
using SweepGrid.Contracts.Specs;

namespace SweepGrid.Contracts.Tests;

public sealed class TpeSpecParsingTests
{
    private const string Tpe = """
        name: adaptive
        method: tpe
        count: 25
        seed: 9
        parameters:
          optimizer: {values: [sgd, adam]}
          learning_rate: {distribution: log_uniform, min: 1e-4, max: 1e-1}
          dropout: {distribution: uniform, min: 0, max: 0.5}
          batch_size: {distribution: int_uniform, min: 32, max: 256}
        """;

    [Fact]
    public void Method_tpe_reads_with_its_count_and_seed_and_every_distribution()
    {
        var spec = SweepSpecParser.Parse(Tpe);

        Assert.Equal((SearchMethod.Tpe, 25, 9L), (spec.Method, spec.Count, spec.SamplerSeed));
        Assert.Equal([ParameterSampling.Values, ParameterSampling.LogUniform, ParameterSampling.Uniform, ParameterSampling.IntUniform],
            spec.Parameters.Select(p => p.Sampling));
    }

    [Fact]
    public void Method_bayes_reads_as_tpe()
    {
        Assert.Equal(SearchMethod.Tpe, SweepSpecParser.Parse(Tpe.Replace("method: tpe", "method: bayes")).Method);
    }

    [Fact]
    public void Method_tpe_without_a_count_is_an_error_naming_count()
    {
        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse(Tpe.Replace("count: 25\n", "")));

        var only = Assert.Single(error.Errors);
        Assert.Equal(("count", 2), (only.Path, only.Line));
        Assert.Contains("method tpe needs a count", only.Problem);
    }

    [Fact]
    public void A_tpe_plan_lists_no_trials_and_its_searcher_is_tpe()
    {
        var plan = SweepSpecParser.Plan(Tpe);

        Assert.Empty(plan.Trials);
        Assert.IsType<TpeSearch>(SearchStrategies.Searcher(plan.Spec));
        var expand = Assert.Throws<ArgumentException>(() => SearchStrategies.For(plan.Spec));
        Assert.Contains("SearchStrategies.Searcher", expand.Message);
    }

    [Fact]
    public void Grid_and_random_searchers_suggest_their_expansion_in_order()
    {
        var random = SweepSpecParser.Parse(Tpe.Replace("method: tpe", "method: random"));

        var searcher = Assert.IsType<ListedSearch>(SearchStrategies.Searcher(random));

        Assert.Equal(new RandomSearch().Expand(random).Select(t => t.Id), searcher.Trials.Select(t => t.Id));
    }

    [Fact]
    public void A_tpe_space_is_checked_against_the_rules_on_the_draws_it_could_make()
    {
        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse(
            Tpe.Replace("parameters:", "training: {lr_schedule: cosine, min_learning_rate: 0.01}\nparameters:")));

        Assert.Equal("training.min_learning_rate", Assert.Single(error.Errors).Path);
    }

    [Fact]
    public void A_tpe_count_beyond_a_finite_space_is_refused()
    {
        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse("""
            name: small
            method: tpe
            count: 5
            parameters:
              optimizer: {values: [sgd, adam]}
            """));

        Assert.Contains("more than the 2 distinct configurations", Assert.Single(error.Errors).Problem);
    }
}
