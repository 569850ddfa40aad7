namespace SweepGrid.Contracts.Dispatch;

[GenerateSerializer]
public enum AttemptEnd
{
    /// <summary>The worker gave the lease back (shutdown, told to stop): not counted against max_retries.</summary>
    HandedBack,

    /// <summary>The training code threw.</summary>
    Crashed,

    /// <summary>Nobody renewed the lease in time: the silo died or hung.</summary>
    LeaseExpired,
}
