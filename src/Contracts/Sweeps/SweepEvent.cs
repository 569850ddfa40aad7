using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Sweeps;

[GenerateSerializer]
[Immutable]
public sealed record SweepEvent
{
    /// <summary>Increases with every event of the sweep, also across reactivations of its grain.</summary>
    [Id(0)] public long Sequence { get; init; }

    [Id(1)] public SweepEventKind Kind { get; init; }

    [Id(2)] public DateTimeOffset At { get; init; }

    [Id(3)] public string? TrialId { get; init; }

    [Id(4)] public int Attempt { get; init; }

    [Id(5)] public TrialStatus? Status { get; init; }

    [Id(6)] public EpochMetrics? Epoch { get; init; }

    [Id(7)] public TrialMetrics? Metrics { get; init; }

    [Id(8)] public string? Silo { get; init; }

    [Id(9)] public string? Device { get; init; }

    [Id(10)] public string? Reason { get; init; }

    [Id(11)] public SweepStatus? Sweep { get; init; }

    /// <summary>With a Snapshot: every trial as it stands.</summary>
    [Id(12)] public IReadOnlyList<TrialSnapshot>? Trials { get; init; }

    /// <summary>The trial's configuration, on its first start: an adaptive search's trials are not in the first snapshot.</summary>
    [Id(13)] public TrialConfig? Config { get; init; }

    /// <summary>For a trial started as one member of a bundle, the bundle's label.</summary>
    [Id(14)] public string? Bundle { get; init; }
}
