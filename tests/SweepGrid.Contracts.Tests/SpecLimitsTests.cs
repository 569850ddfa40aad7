using System.Text;
using SweepGrid.Contracts.Parsing;

namespace SweepGrid.Contracts.Tests;

/// <summary>Texts no one writes as a spec (nested past any use, or megabytes long) are refused with one short error, never a crash.</summary>
public sealed class SpecLimitsTests
{
    [Theory]
    [InlineData(" [")]
    [InlineData(" {a: ")]
    [InlineData("\n    - ")]
    public void Yaml_nested_100000_deep_is_one_short_error_not_a_stack_overflow(string opening)
    {
        // Flow lists, flow mappings, and compact block lists ("- - - …" on one line).
        var nesting = opening.StartsWith('\n') ? opening + string.Concat(Enumerable.Repeat("- ", 100_000)) : string.Concat(Enumerable.Repeat(opening, 100_000));
        var yaml = "name: deep\nparameters:\n  dropout:" + nesting;

        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Plan(yaml, "deep.yaml"));

        var only = Assert.Single(error.Errors);
        Assert.Equal("(yaml)", only.Path);
        Assert.Contains("nests deeper than 64 levels", error.Message);
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Fact]
    public void A_spec_of_five_megabytes_is_refused_without_its_text_in_the_message()
    {
        var yaml = new StringBuilder("name: huge\nparameters:\n  learning_rate: {values: [");
        while (yaml.Length < 5_000_000)
        {
            yaml.Append("0.5, ");
        }

        yaml.Append("0.5]}\n");

        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Plan(yaml.ToString(), "huge.yaml"));

        var only = Assert.Single(error.Errors);
        Assert.Contains($"the spec is {yaml.Length:N0} characters long; allowed: a spec of at most 1,048,576 characters", error.Message);
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Fact]
    public void Yaml_nested_exactly_as_deep_as_the_limit_is_read()
    {
        // Depth 64: the top mapping, parameters, hidden's {values: …}, and 61 lists inside it (refused then as values, not as YAML).
        var yaml = "name: nested\nparameters:\n  hidden: {values: " + new string('[', 61) + new string(']', 61) + "}\n";

        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Plan(yaml, "nested.yaml"));

        Assert.DoesNotContain("nests deeper", error.Message);
    }
}
