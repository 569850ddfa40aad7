namespace SweepGrid.Contracts.Trials;

/// <summary>What a trial grain knows: where the trial stands, its history and, once finished, its metrics.</summary>
[GenerateSerializer]
[Immutable]
public sealed record TrialSnapshot
{
    [Id(0)] public required string SweepId { get; init; }

    [Id(1)] public required string TrialId { get; init; }

    [Id(2)] public TrialConfig? Config { get; init; }

    [Id(3)] public TrialStatus Status { get; init; }

    /// <summary>How many times the trial has been started (1 for the first attempt).</summary>
    [Id(4)] public int Attempt { get; init; }

    /// <summary>Attempts the trial itself lost (its training crashed, or it hung until its lease expired); after max_retries of them it fails.</summary>
    [Id(5)] public int Failures { get; init; }

    [Id(6)] public string? Silo { get; init; }

    [Id(7)] public string? Device { get; init; }

    [Id(8)] public IReadOnlyList<EpochMetrics> History { get; init; } = [];

    [Id(9)] public TrialMetrics? Metrics { get; init; }

    [Id(10)] public string? Reason { get; init; }

    [Id(11)] public string? CheckpointPath { get; init; }

    [Id(12)] public DateTimeOffset? StartedAt { get; init; }

    [Id(13)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>For a trial completed by a later attempt: the epochs that attempt resumed from the checkpoint rather than training them again (0: trained from the start).</summary>
    [Id(14)] public int ResumedAfterEpoch { get; init; }

    /// <summary>Attempts lost to infrastructure (a dead silo or program, a grant that never arrived): not charged to max_retries.</summary>
    [Id(15)] public int LostAttempts { get; init; }

    /// <summary>The label of the bundle the trial's latest attempt trained in (see <see cref="Dispatch.WorkerInfo.Bundle"/>); null when alone.</summary>
    [Id(16)] public string? Bundle { get; init; }
}
