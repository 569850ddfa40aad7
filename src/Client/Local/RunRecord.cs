namespace SweepGrid.Client.Local;

/// <summary>
/// run.json in a sweep's results folder: which process runs the sweep embedded and on which gateway port, so other
/// commands on this machine can reach it while it runs, and read its SQLite file once it has stopped.
/// </summary>
public sealed record RunRecord
{
    public required string SweepId { get; init; }

    public string Name { get; init; } = "";

    public int Trials { get; init; }

    public int ProcessId { get; init; }

    public int GatewayPort { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Trials finished when the record was last written.</summary>
    public int Finished { get; init; }

    /// <summary>running, completed, cancelled, interrupted or failed, as the running process last wrote it.</summary>
    public string State { get; init; } = "running";
}
