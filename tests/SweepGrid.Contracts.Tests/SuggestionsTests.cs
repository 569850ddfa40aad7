using SweepGrid.Contracts.Parsing;

namespace SweepGrid.Contracts.Tests;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("optimiser", "optimizer")]
    [InlineData("learnign_rate", "learning_rate")]
    [InlineData("LR_SCHEDULE", "lr_schedule")]
    [InlineData("batchsize", "batch_size")]
    [InlineData("nester", "nesterov")]
    [InlineData("weight_decey", "weight_decay")]
    public void A_near_miss_suggests_the_name_meant(string written, string meant)
    {
        Assert.Equal(meant, Suggestions.Closest(written, Specs.SpecVocabulary.ParameterNames));
    }

    [Theory]
    [InlineData("colour")]
    [InlineData("lr")]
    public void A_name_far_from_all_suggests_nothing(string written)
    {
        Assert.Null(Suggestions.Closest(written, Specs.SpecVocabulary.ParameterNames));
    }

    [Fact]
    public void An_adjacent_swap_counts_as_one_edit()
    {
        Assert.Equal(1, Suggestions.Distance("adma", "adam"));
    }
}
