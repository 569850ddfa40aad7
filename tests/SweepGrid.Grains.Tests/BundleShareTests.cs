using SweepGrid.Grains.Dispatch;

namespace SweepGrid.Grains.Tests;

/// <summary>A bundle takes at most its slot's share of a sweep's waiting trials, so fusing never leaves slots idle.</summary>
public sealed class BundleShareTests
{
    [Theory]
    [InlineData(27, 27, 1, 27)] // one slot: the whole sweep fuses
    [InlineData(27, 27, 2, 14)] // two slots: each takes about half
    [InlineData(27, 6, 2, 3)]
    [InlineData(27, 5, 2, 3)]
    [InlineData(9, 100, 4, 9)] // a big sweep: K as asked
    [InlineData(27, 1, 8, 1)]
    [InlineData(1, 27, 2, 1)] // bundle 1 stays one trial a lease
    [InlineData(27, 6, 0, 6)] // the asking slot counts even before it was seen
    public void A_bundle_is_at_most_its_slots_share_of_the_waiting_trials(int asked, int waiting, int slots, int members) =>
        Assert.Equal(members, BundleShare.Members(asked, waiting, slots));

    [Fact]
    public void A_slot_counts_while_it_asks_or_renews_and_is_forgotten_once_silent()
    {
        var start = DateTimeOffset.UnixEpoch;
        var workers = new KnownWorkers();
        workers.Seen("silo-a/0", start + TimeSpan.FromSeconds(40));
        workers.Seen("silo-a/1", start + TimeSpan.FromSeconds(40));
        // A renewal with an earlier horizon never shortens what an Acquire promised.
        workers.Seen("silo-a/1", start + TimeSpan.FromSeconds(10));
        Assert.Equal(2, workers.Count(start + TimeSpan.FromSeconds(30)));

        workers.Seen("silo-a/0", start + TimeSpan.FromSeconds(70));
        Assert.Equal(1, workers.Count(start + TimeSpan.FromSeconds(45)));
        Assert.Equal(0, workers.Count(start + TimeSpan.FromSeconds(70)));
    }
}
