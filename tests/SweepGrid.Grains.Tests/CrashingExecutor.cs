using Microsoft.Extensions.Options;
using SweepGrid.Contracts.Dispatch;
using SweepGrid.Contracts.Trials;
using SweepGrid.Silo.Workers;

namespace SweepGrid.Grains.Tests;

/// <summary>The stand-in trainer, except that the trials <see cref="Crashes"/> picks throw, as a trial whose own code fails would.</summary>
public sealed class CrashingExecutor(IOptions<FakeExecutorOptions> options, ClusterSettings settings) : ITrialExecutor
{
    private readonly FakeTrialExecutor _fake = new(options);

    public ExecutionResult Execute(TrialLease lease, string device, AttemptCheckpoints checkpoints, Func<EpochMetrics, EpochAnswer> onEpoch, CancellationToken cancellation) =>
        settings.Crashes?.Invoke(lease.Config) == true
            ? throw new InvalidOperationException($"the trial's own code failed (learning rate {lease.Config.LearningRate})")
            : _fake.Execute(lease, device, checkpoints, onEpoch, cancellation);
}
