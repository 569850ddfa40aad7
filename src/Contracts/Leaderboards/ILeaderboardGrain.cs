namespace SweepGrid.Contracts.Leaderboards;

/// <summary>A sweep's completed trials ranked by its metric and goal; ties go to the smaller trial id.</summary>
public interface ILeaderboardGrain : IGrainWithStringKey
{
    Task Configure(string metric, bool maximize, int capacity);

    /// <summary>Adds a completed trial; adding the same trial again changes nothing.</summary>
    Task Submit(LeaderboardEntry entry);

    /// <summary>Adds many completed trials at once; those it has already are left as they are.</summary>
    Task SubmitAll(IReadOnlyList<LeaderboardEntry> entries);

    Task<IReadOnlyList<LeaderboardEntry>> Top(int count);
}
