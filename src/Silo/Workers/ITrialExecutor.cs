using SweepGrid.Contracts.Dispatch;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Silo.Workers;

/// <summary>
/// Trains one attempt synchronously on the calling (dedicated) thread: resumes from the checkpoint folder,
/// reports every epoch and obeys a stop answer, returns when done or when the token fires.
/// </summary>
public interface ITrialExecutor
{
    ExecutionResult Execute(TrialLease lease, string device, string checkpointDirectory,
        Func<EpochMetrics, EpochAnswer> onEpoch, CancellationToken cancellation);
}
