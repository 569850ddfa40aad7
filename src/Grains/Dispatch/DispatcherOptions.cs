namespace SweepGrid.Grains.Dispatch;

public sealed class DispatcherOptions
{
    /// <summary>A lease not renewed (by an epoch report or the worker's heartbeat) within this time is ended and its trial requeued.</summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often leases are checked for expiry.</summary>
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often, while a sweep is active, a reminder has the queues checked against the trial grains, so that a trial a
    /// failed call lost is queued again (at least a minute: Orleans' shortest reminder period).</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromMinutes(1);
}
