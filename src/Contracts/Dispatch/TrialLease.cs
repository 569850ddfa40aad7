using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Dispatch;

/// <summary>
/// The right to run one attempt of one trial. A bundle (compatible trials trained fused on one device, see
/// <see cref="IDispatcherGrain.AcquireBundle"/>) is one lease per member, each renewed and ended on its own. <paramref name="Judged"/>: the worker
/// asks the sweep's early stopping about every epoch but the last.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record TrialLease(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string TrialId,
    [property: Id(2)] int Attempt,
    [property: Id(3)] TrialConfig Config,
    [property: Id(4)] string? TraceParent,
    [property: Id(5)] TimeSpan Timeout,
    [property: Id(6)] bool Judged = false)
{
    public string Key => TrialGrainKey.For(SweepId, TrialId);
}
