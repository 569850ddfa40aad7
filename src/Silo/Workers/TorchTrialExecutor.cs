using Microsoft.Extensions.Options;
using SweepGrid.Contracts.Dispatch;
using SweepGrid.Contracts.Trials;
using SweepGrid.Trainer.Bundles;
using SweepGrid.Trainer.Checkpoints;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Silo.Workers;

/// <summary>Trains a lease's configuration with the TorchSharp trainer, and a bundle's fused with <see cref="BundleRunner"/>.</summary>
public sealed class TorchTrialExecutor(PreparedDataCache data, IOptions<WorkerOptions> options) : ITrialExecutor
{
    public bool AutoBundles => true;

    public ExecutionResult Execute(TrialLease lease, string device, AttemptCheckpoints checkpoints,
        Func<EpochMetrics, EpochAnswer> onEpoch, CancellationToken cancellation)
    {
        var spec = SpecOf(lease, device, checkpoints);
        var result = TrialRunner.Run(spec, data.Get(spec), report => Directive(onEpoch(TrialSpecMapper.ToMetrics(report))), cancellation);
        return ResultOf(result, checkpoints);
    }

    public IReadOnlyList<MemberResult> ExecuteBundle(IReadOnlyList<BundleMember> members, string device,
        Func<int, EpochMetrics, EpochAnswer> onEpoch, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(onEpoch);
        var specs = members.Select(m => SpecOf(m.Lease, device, m.Checkpoints)).ToList();
        // The dispatcher bundles by the catalog's key; a bundle the trainer would not fuse still trains, one member at a time.
        if (!BundleShape.CanFuse(specs, out _))
        {
            return ((ITrialExecutor)this).ExecuteBundle(members, device, onEpoch, cancellation);
        }

        // A bundle that would not fit the device's memory trains as smaller bundles, and one that runs out anyway in halves.
        var prepared = data.Get(specs[0]);
        var groups = BundleMemory.Split(specs.Count, BundleMemory.MemberBytes(specs[0], prepared.FeatureCount, prepared.ClassNames.Count),
            BundleMemory.SharedBytes(prepared), DeviceMemory.AvailableBytes(device, options.Value.DeviceMemoryMb));
        var results = BundleMemory.RunSplitting(specs.Count, groups, group => BundleRunner.Run(group.Select(i => specs[i]).ToList(), prepared,
            (j, report) => Directive(onEpoch(group[j], TrialSpecMapper.ToMetrics(report))), cancellation));
        return results.Select((result, i) => new MemberResult(ResultOf(result, members[i].Checkpoints), null)).ToList();
    }

    private TrialSpec SpecOf(TrialLease lease, string device, AttemptCheckpoints checkpoints) =>
        TrialSpecMapper.ToSpec(lease.Config, device, options.Value.ThreadsPerTrial, checkpoints.Directory) with { ResumeFrom = checkpoints.Earlier };

    private static EpochDirective Directive(EpochAnswer answer) => answer.Stop ? EpochDirective.StopWith(answer.Reason ?? "stopped") : EpochDirective.Continue;

    private static ExecutionResult ResultOf(TrialResult result, AttemptCheckpoints checkpoints)
    {
        var history = result.History.Select(TrialSpecMapper.ToMetrics).ToList();
        var completed = result.Outcome == TrialOutcome.Completed;
        return new ExecutionResult(result.Outcome, result.Reason, completed ? TrialSpecMapper.ToMetrics(result) : null, result.ResumedFromEpoch, history,
            completed ? CheckpointFile.PathIn(checkpoints.Directory) : null)
        {
            PassedOverCheckpoints = result.PassedOverCheckpoints,
        };
    }
}
