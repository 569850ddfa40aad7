using SweepGrid.Contracts.Dispatch;

namespace SweepGrid.Grains.Dispatch;

/// <summary>A lease the dispatcher holds: whose it is and until when. Worker is null for one adopted after a restart.</summary>
internal sealed record LeaseRecord(QueuedTrial Trial, int Attempt, string Holder, WorkerInfo? Worker = null)
{
    public DateTimeOffset Deadline { get; set; }

    /// <summary>Whether its holder has renewed it since the grant: one never renewed most likely never reached its worker.</summary>
    public bool Renewed { get; set; }
}
