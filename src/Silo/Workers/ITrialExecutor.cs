using SweepGrid.Contracts.Dispatch;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Silo.Workers;

/// <summary>
/// Trains one attempt synchronously on the calling (dedicated) thread: resumes from the latest checkpoint of the
/// trial's earlier attempts, checkpoints into the attempt's own folder, reports every epoch and obeys a stop answer,
/// returns when done or when the token fires.
/// </summary>
public interface ITrialExecutor
{
    ExecutionResult Execute(TrialLease lease, string device, AttemptCheckpoints checkpoints,
        Func<EpochMetrics, EpochAnswer> onEpoch, CancellationToken cancellation);
}
