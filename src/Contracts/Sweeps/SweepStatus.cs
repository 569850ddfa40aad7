namespace SweepGrid.Contracts.Sweeps;

[GenerateSerializer]
[Immutable]
public sealed record SweepStatus
{
    [Id(0)] public required string SweepId { get; init; }

    [Id(1)] public string Name { get; init; } = "";

    [Id(2)] public SweepState State { get; init; }

    [Id(3)] public int Total { get; init; }

    [Id(4)] public int Pending { get; init; }

    [Id(5)] public int Running { get; init; }

    [Id(6)] public int Completed { get; init; }

    [Id(7)] public int Diverged { get; init; }

    [Id(8)] public int Failed { get; init; }

    [Id(9)] public int Cancelled { get; init; }

    [Id(10)] public string Metric { get; init; } = "val_accuracy";

    [Id(11)] public bool Maximize { get; init; } = true;

    [Id(12)] public DateTimeOffset? LaunchedAt { get; init; }

    [Id(13)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Waiting at a rung to be promoted (ASHA).</summary>
    [Id(14)] public int Paused { get; init; }

    /// <summary>Stopped early by the sweep's early stopping.</summary>
    [Id(15)] public int Pruned { get; init; }

    public int Finished => Completed + Diverged + Failed + Cancelled + Pruned;

    /// <summary>This status with its trial counts taken from a count per trial status.</summary>
    public SweepStatus WithCounts(int total, Func<Trials.TrialStatus, int> count) => this with
    {
        Total = total,
        Pending = count(Trials.TrialStatus.Pending),
        Running = count(Trials.TrialStatus.Running),
        Completed = count(Trials.TrialStatus.Completed),
        Diverged = count(Trials.TrialStatus.Diverged),
        Failed = count(Trials.TrialStatus.Failed),
        Cancelled = count(Trials.TrialStatus.Cancelled),
        Paused = count(Trials.TrialStatus.Paused),
        Pruned = count(Trials.TrialStatus.Pruned),
    };
}
