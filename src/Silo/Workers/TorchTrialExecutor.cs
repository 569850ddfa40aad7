using Microsoft.Extensions.Options;
using SweepGrid.Contracts.Dispatch;
using SweepGrid.Contracts.Trials;
using SweepGrid.Trainer.Checkpoints;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Silo.Workers;

/// <summary>Trains a lease's configuration with the TorchSharp trainer.</summary>
public sealed class TorchTrialExecutor(PreparedDataCache data, IOptions<WorkerOptions> options) : ITrialExecutor
{
    public ExecutionResult Execute(TrialLease lease, string device, AttemptCheckpoints checkpoints,
        Func<EpochMetrics, EpochAnswer> onEpoch, CancellationToken cancellation)
    {
        var spec = TrialSpecMapper.ToSpec(lease.Config, device, options.Value.ThreadsPerTrial, checkpoints.Directory) with { ResumeFrom = checkpoints.Earlier };
        var result = TrialRunner.Run(spec, data.Get(spec), report =>
        {
            var answer = onEpoch(TrialSpecMapper.ToMetrics(report));
            return answer.Stop ? EpochDirective.StopWith(answer.Reason ?? "stopped") : EpochDirective.Continue;
        }, cancellation);

        var history = result.History.Select(TrialSpecMapper.ToMetrics).ToList();
        var completed = result.Outcome == TrialOutcome.Completed;
        return new ExecutionResult(result.Outcome, result.Reason, completed ? TrialSpecMapper.ToMetrics(result) : null, result.ResumedFromEpoch, history,
            completed ? CheckpointFile.PathIn(checkpoints.Directory) : null)
        {
            PassedOverCheckpoints = result.PassedOverCheckpoints,
        };
    }
}
