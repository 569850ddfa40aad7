namespace SweepGrid.Client.Dashboard.Api;

/// <summary>A sweep as the dashboard lists it: its state, its trials by status, and the best value of its metric so far.</summary>
public sealed record SweepJson
{
    public required string SweepId { get; init; }

    public string Name { get; init; } = "";

    /// <summary>not_launched, running, completed, cancelled; for a sweep run on this machine whose process is gone: interrupted.</summary>
    public string State { get; init; } = "running";

    public int Total { get; init; }

    public int Finished { get; init; }

    public int Pending { get; init; }

    public int Running { get; init; }

    public int Paused { get; init; }

    public int Completed { get; init; }

    public int Pruned { get; init; }

    public int Diverged { get; init; }

    public int Failed { get; init; }

    public int Cancelled { get; init; }

    public string Metric { get; init; } = "val_accuracy";

    public bool Maximize { get; init; } = true;

    public double? Best { get; init; }

    public DateTimeOffset? LaunchedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}
