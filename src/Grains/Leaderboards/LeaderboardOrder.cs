using SweepGrid.Contracts.Leaderboards;

namespace SweepGrid.Grains.Leaderboards;

/// <summary>Completed trials before pruned ones (stopped early, ranked at their last epoch); within each, best first by the
/// metric and goal; a trial without the metric (NaN) ranks last; ties go to the smaller trial id.</summary>
internal sealed class LeaderboardOrder(bool maximize) : IComparer<LeaderboardEntry>
{
    public int Compare(LeaderboardEntry? x, LeaderboardEntry? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Pruned != y.Pruned)
        {
            return x.Pruned ? 1 : -1;
        }

        var xMissing = double.IsNaN(x.Value);
        var yMissing = double.IsNaN(y.Value);
        if (xMissing != yMissing)
        {
            return xMissing ? 1 : -1;
        }

        var byValue = xMissing ? 0 : maximize ? y.Value.CompareTo(x.Value) : x.Value.CompareTo(y.Value);
        return byValue != 0 ? byValue : string.CompareOrdinal(x.TrialId, y.TrialId);
    }
}
