using SweepGrid.Contracts.Scheduling;

namespace SweepGrid.Grains.Sweeps;

/// <summary>
/// What a sweep's early stopping decided for one trial, stored with the sweep so that a decision outlives any crash: the
/// trial's bracket, the epoch it may train up to, and whether it is paused at a rung or pruned. The metric's values per
/// epoch are not stored here: the trial grains keep them in their histories, and the sweep reads them back on activation.
/// </summary>
[GenerateSerializer]
public sealed class ScheduledTrial
{
    [Id(0)] public int Bracket { get; set; }

    [Id(1)] public int Target { get; set; }

    /// <summary>Running (queued, training, or promoted and waiting for a slot), Paused or Pruned.</summary>
    [Id(2)] public ProgressState State { get; set; } = ProgressState.Running;

    [Id(3)] public string? Reason { get; set; }
}
