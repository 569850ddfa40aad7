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
    /// <summary>Whether a slot left at bundle auto fuses with this executor (<see cref="AutoBundle"/>): the trainer's fused
    /// runs pay; a stand-in keeps one trial a lease unless a slot asks for bundles.</summary>
    bool AutoBundles => false;

    ExecutionResult Execute(TrialLease lease, string device, AttemptCheckpoints checkpoints,
        Func<EpochMetrics, EpochAnswer> onEpoch, CancellationToken cancellation);

    /// <summary>
    /// Trains a bundle's members (compatible trials, see <see cref="IDispatcherGrain.AcquireBundle"/>) on the calling thread,
    /// each as <see cref="Execute"/> trains one: its own resume, checkpoints, epoch reports (<paramref name="onEpoch"/> gets
    /// the member's index) and outcome. A member stopped by its answer leaves the bundle; the others go on. One result per
    /// member, in order. By default the members train one after another; an executor that can fuse them overrides this.
    /// </summary>
    IReadOnlyList<MemberResult> ExecuteBundle(IReadOnlyList<BundleMember> members, string device,
        Func<int, EpochMetrics, EpochAnswer> onEpoch, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(onEpoch);
        var results = new List<MemberResult>(members.Count);
        for (var i = 0; i < members.Count; i++)
        {
            var index = i;
            try
            {
                results.Add(new MemberResult(Execute(members[i].Lease, device, members[i].Checkpoints, epoch => onEpoch(index, epoch), cancellation), null));
            }
            catch (Exception e)
            {
                results.Add(new MemberResult(null, e));
            }
        }

        return results;
    }
}

/// <summary>One trial of a bundle: its lease and the folders of its attempt's checkpoints.</summary>
public sealed record BundleMember(TrialLease Lease, AttemptCheckpoints Checkpoints);

/// <summary>How one member's attempt ended: a result, or the exception that crashed it (and only it).</summary>
public sealed record MemberResult(ExecutionResult? Result, Exception? Crash);
