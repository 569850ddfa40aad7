using SweepGrid.Contracts.Trials;

namespace SweepGrid.Grains.Trials;

[GenerateSerializer]
public sealed class TrialGrainState
{
    [Id(0)] public string SweepId { get; set; } = "";

    [Id(1)] public string TrialId { get; set; } = "";

    [Id(2)] public TrialConfig? Config { get; set; }

    [Id(3)] public TrialStatus Status { get; set; }

    [Id(4)] public int Attempt { get; set; }

    [Id(5)] public int Failures { get; set; }

    [Id(6)] public int MaxRetries { get; set; }

    [Id(7)] public string? Silo { get; set; }

    [Id(8)] public string? Device { get; set; }

    [Id(9)] public List<EpochMetrics> History { get; set; } = [];

    [Id(10)] public TrialMetrics? Metrics { get; set; }

    [Id(11)] public string? Reason { get; set; }

    [Id(12)] public bool CancelRequested { get; set; }

    [Id(13)] public DateTimeOffset? StartedAt { get; set; }

    [Id(14)] public DateTimeOffset? FinishedAt { get; set; }

    [Id(15)] public string? TraceParent { get; set; }

    [Id(16)] public string? CheckpointPath { get; set; }

    /// <summary>The epochs the completing attempt took from the checkpoint of an earlier one instead of training them again.</summary>
    [Id(17)] public int ResumedAfterEpoch { get; set; }

    /// <summary>Attempts lost to infrastructure, not charged to max_retries (<see cref="Contracts.Dispatch.AttemptEnd.Lost"/>).</summary>
    [Id(18)] public int Lost { get; set; }

    /// <summary>Its sweep's early stopping judges its epochs.</summary>
    [Id(19)] public bool Judged { get; set; }

    /// <summary>The label of the bundle the running attempt trains in; null when it trains alone.</summary>
    [Id(20)] public string? Bundle { get; set; }
}
