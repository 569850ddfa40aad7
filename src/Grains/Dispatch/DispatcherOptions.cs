namespace SweepGrid.Grains.Dispatch;

/// <summary>The dispatcher's leases and repairs: section Dispatcher.</summary>
public sealed class DispatcherOptions
{
    public const string Section = "Dispatcher";

    /// <summary>A lease not renewed (by an epoch report or the worker's heartbeat) within this time is ended and its trial requeued; default 30 s.</summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often leases are checked for expiry; default 1 s.</summary>
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often, while a sweep is active, a reminder has the queues checked against the trial grains, so that a trial a
    /// failed call lost is queued again (at least a minute: Orleans' shortest reminder period); default 1 min.</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many of a sweep's latest events its grain keeps for watchers to resume after; a watcher further behind
    /// (one that reconnects late, or reads more slowly than the sweep writes) gets the whole state instead; default 20,000.</summary>
    public int RetainedEvents { get; set; } = 20_000;
}
