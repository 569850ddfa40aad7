using SweepGrid.Contracts.Parsing;

namespace SweepGrid.Contracts.Tests;

public sealed class SpecErrorReportingTests
{
    [Fact]
    public void All_errors_are_reported_at_once_one_per_line_in_document_order()
    {
        const string yaml = """
            name: many-mistakes
            model: {hiden: [64]}
            parameters:
              optimizer: {values: [sgd, adamw]}
              learning_rate: {values: [-1]}
              dropout: {values: [1.5]}
            """;

        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse(yaml, "spec.yaml"));

        Assert.Equal(["model.hiden", "parameters.optimizer.values[1]", "parameters.learning_rate.values[0]", "parameters.dropout.values[0]"],
            error.Errors.Select(e => e.Path));
        var lines = error.Message.Split('\n');
        Assert.Equal("spec.yaml has 4 errors:", lines[0]);
        Assert.Equal(
            "spec.yaml:4:29: parameters.optimizer.values[1]: unknown optimizer 'adamw'; allowed: one of sgd, adam, rmsprop; did you mean 'adam'?",
            lines[2]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public void An_error_carries_the_bad_value_and_the_suggestion_as_data()
    {
        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse("""
            name: s
            parameters:
              optimizer: {values: [rms_prop]}
            """));

        var only = Assert.Single(error.Errors);
        Assert.Equal(("rms_prop", "rmsprop", 3, 24), (only.Value, only.Suggestion, only.Line, only.Column));
    }

    [Fact]
    public void A_yaml_syntax_error_is_reported_with_its_line_and_column_instead_of_a_yaml_exception()
    {
        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse("name: x\nparameters:\n  optimizer: {values: [sgd, adam}\n", "s.yaml"));

        var only = Assert.Single(error.Errors);
        Assert.Equal(("(yaml)", 3), (only.Path, only.Line));
        Assert.True(only.Column > 20, $"column {only.Column} should point at the stray brace");
        Assert.StartsWith($"s.yaml:3:{only.Column}: (yaml): ", error.Errors[0].Format("s.yaml"));
    }

    [Fact]
    public void Text_that_ends_inside_an_open_bracket_is_reported_not_thrown()
    {
        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse("name: x\nparameters: {optimizer: {values: [sgd, adam\n"));

        Assert.Equal("(yaml)", Assert.Single(error.Errors).Path);
    }

    [Fact]
    public void An_empty_file_says_the_spec_is_empty()
    {
        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse("# nothing here\n", "empty.yaml"));

        Assert.Contains("empty.yaml:1:1: (document): the spec is empty", error.Message);
    }

    [Fact]
    public void A_document_that_is_not_a_mapping_is_rejected()
    {
        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse("- sgd\n- adam\n"));

        Assert.Contains("expected a mapping, found a list", Assert.Single(error.Errors).Problem);
    }

    [Fact]
    public void The_grid_cap_is_configurable_and_the_message_reports_the_computed_size()
    {
        const string yaml = """
            name: capped
            parameters:
              optimizer: {values: [sgd, adam, rmsprop]}
              dropout: {values: [0.0, 0.1, 0.2, 0.3]}
            """;
        Assert.Equal(2, SweepSpecParser.Parse(yaml).Parameters.Count);

        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse(yaml, null, new SpecParserOptions { MaxTrials = 10 }));

        var only = Assert.Single(error.Errors);
        Assert.Equal(("parameters", 2), (only.Path, only.Line));
        Assert.Contains("the grid has 12 trials (optimizer 3 × dropout 4), more than the cap of 10", only.Problem);
    }

    [Fact]
    public void A_grid_too_large_to_count_in_a_long_is_still_reported_with_its_size()
    {
        var values = "{values: [" + string.Join(", ", Enumerable.Range(1, 100)) + "]}";
        var yaml = "name: huge\nparameters:\n" + string.Join("", new[] { "seed", "epochs", "batch_size", "lr_step_size" }.Select(p => $"  {p}: {values}\n"))
            + "  hidden: {values: [" + string.Join(", ", Enumerable.Range(1, 100).Select(i => $"[{i}]")) + "]}\n  activations: {value: [relu]}\n"
            + "  optimizer: {values: [sgd, adam, rmsprop]}\n";

        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse(yaml));

        Assert.Contains("the grid has 30,000,000,000 trials", Assert.Single(error.Errors).Problem);
    }

    [Fact]
    public void Random_search_count_is_capped_too()
    {
        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse(
            "name: r\nmethod: random\ncount: 20000\nparameters:\n  dropout: {distribution: uniform, min: 0, max: 0.5}\n"));

        var only = Assert.Single(error.Errors);
        Assert.Equal(("count", 3), (only.Path, only.Line));
        Assert.Contains("count 20,000 is more than the cap of 10,000 trials", only.Problem);
    }

    [Theory]
    [InlineData("learning_rate: {distribution: int_uniform, min: 1, max: 5}", "uniform or log_uniform")]
    [InlineData("epochs: {distribution: uniform, min: 1, max: 5}", "int_uniform")]
    [InlineData("optimizer: {distribution: uniform, min: 1, max: 5}", "values or value")]
    [InlineData("dropout: {distribution: uniform, min: 0.1, max: 1.5}", "a number of at least 0 and below 1")]
    [InlineData("dropout: {distribution: uniform, min: 0.1}", "max: a number beside distribution")]
    [InlineData("dropout: {values: [0.1], min: 0}", "min and max only beside distribution")]
    [InlineData("dropout: {values: [0.1], value: 0.2}", "only one of values, value and distribution")]
    public void Distributions_that_do_not_fit_their_parameter_are_rejected(string parameter, string allowed)
    {
        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse($"name: r\nmethod: random\ncount: 3\nparameters:\n  {parameter}\n"));

        var only = Assert.Single(error.Errors);
        Assert.Equal(5, only.Line);
        Assert.StartsWith("parameters.", only.Path);
        Assert.Contains(allowed, only.Allowed);
    }

    [Fact]
    public void Hidden_layers_that_do_not_fit_the_default_activations_are_pointed_out()
    {
        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse("name: h\nparameters:\n  hidden: {values: [[128, 64, 32], [256, 128]]}\n"));

        var only = Assert.Single(error.Errors);
        Assert.Equal(("parameters.hidden.values[1]", 3), (only.Path, only.Line));
        Assert.Contains("default activations [relu,gelu,tanh]", only.Problem);
    }
}
