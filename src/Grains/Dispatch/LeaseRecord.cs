using SweepGrid.Contracts.Dispatch;

namespace SweepGrid.Grains.Dispatch;

internal sealed record LeaseRecord(QueuedTrial Trial, int Attempt, string Holder)
{
    public DateTimeOffset Deadline { get; set; }
}
