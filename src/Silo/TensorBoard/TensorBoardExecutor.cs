using Microsoft.Extensions.Logging;
using SweepGrid.Contracts.Dispatch;
using SweepGrid.Contracts.Trials;
using SweepGrid.Silo.Workers;

namespace SweepGrid.Silo.TensorBoard;

/// <summary>
/// Writes every attempt another executor trains to TensorBoard event files (<see cref="TrialEventLog"/>), in the trial's
/// folder under Workers:TensorBoardRoot: each epoch as the trainer reports it, before the worker passes it on.
/// </summary>
public sealed class TensorBoardExecutor(ITrialExecutor inner, WorkerOptions options, TimeProvider time, ILogger<TensorBoardExecutor> logger) : ITrialExecutor
{
    public bool AutoBundles => inner.AutoBundles;

    /// <summary><paramref name="inner"/> itself where Workers:TensorBoardRoot is empty, else it wrapped in this.</summary>
    public static ITrialExecutor Around(ITrialExecutor inner, WorkerOptions options, TimeProvider time, ILogger<TensorBoardExecutor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.TensorBoardRoot) ? inner : new TensorBoardExecutor(inner, options, time, logger);
    }

    public ExecutionResult Execute(TrialLease lease, string device, AttemptCheckpoints checkpoints,
        Func<EpochMetrics, EpochAnswer> onEpoch, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(onEpoch);
        var folder = TrialEventLog.FolderFor(options.TensorBoardRoot, options.TensorBoardPerSweep, lease);
        using var log = TrialEventLog.Open(folder, lease, time, logger);
        var result = inner.Execute(lease, device, checkpoints, epoch =>
        {
            log.Epoch(epoch);
            return onEpoch(epoch);
        }, cancellation);
        log.End(result);
        return result;
    }

    /// <summary>The inner executor's bundle, fused as it trains it, each member into its own event file.</summary>
    public IReadOnlyList<MemberResult> ExecuteBundle(IReadOnlyList<BundleMember> members, string device,
        Func<int, EpochMetrics, EpochAnswer> onEpoch, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(onEpoch);
        var logs = members.Select(m => TrialEventLog.Open(TrialEventLog.FolderFor(options.TensorBoardRoot, options.TensorBoardPerSweep, m.Lease), m.Lease, time, logger)).ToList();
        try
        {
            var results = inner.ExecuteBundle(members, device, (i, epoch) =>
            {
                logs[i].Epoch(epoch);
                return onEpoch(i, epoch);
            }, cancellation);
            for (var i = 0; i < results.Count; i++)
            {
                if (results[i].Result is { } result)
                {
                    logs[i].End(result);
                }
            }

            return results;
        }
        finally
        {
            logs.ForEach(log => log.Dispose());
        }
    }
}
