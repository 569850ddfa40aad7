namespace SweepGrid.Contracts.Dispatch;

[GenerateSerializer]
public enum AttemptEnd
{
    /// <summary>The worker gave the lease back (shutdown, told to stop): not counted against max_retries.</summary>
    HandedBack,

    /// <summary>The training code threw.</summary>
    Crashed,

    /// <summary>The lease's holder is alive but stopped renewing it: the trial hung.</summary>
    LeaseExpired,

    /// <summary>Lost to infrastructure: the holder's silo (or the whole program) died, or the grant never reached it.
    /// Not counted against max_retries; a trial lost this way too often fails all the same, since it may be killing its own process.</summary>
    Lost,
}
