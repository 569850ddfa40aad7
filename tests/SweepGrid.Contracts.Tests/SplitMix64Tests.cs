using SweepGrid.Contracts.Search;

namespace SweepGrid.Contracts.Tests;

public sealed class SplitMix64Tests
{
    [Fact]
    public void It_reproduces_the_reference_sequence()
    {
        var random = new SplitMix64(1234567);

        Assert.Equal(
            [6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL],
            Enumerable.Range(0, 5).Select(_ => random.NextUInt64()));
    }

    [Fact]
    public void Bounded_draws_stay_in_range_and_reach_both_ends()
    {
        var random = new SplitMix64(7);
        var draws = Enumerable.Range(0, 1000).Select(_ => random.NextInRange(-3, 3)).ToList();

        Assert.All(draws, d => Assert.InRange(d, -3, 3));
        Assert.Equal(7, draws.Distinct().Count());
    }
}
