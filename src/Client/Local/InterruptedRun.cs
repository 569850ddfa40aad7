using SweepGrid.Contracts.Sweeps;

namespace SweepGrid.Client.Local;

/// <summary>
/// A sweep whose `sweepgrid run` stopped before the sweep finished: killed (its process is gone though run.json says running)
/// or interrupted. Its SQLite file still counts the trials that process was running as running; status and list say what happened.
/// </summary>
public sealed record InterruptedRun(RunRecord Record, bool ProcessGone)
{
    public const string State = "interrupted";

    public string Reason => ProcessGone ? $"run process {Record.ProcessId} is gone; run it again to resume" : "run it again to resume";

    /// <summary>The state as status and list print it: <c>interrupted (run process 1234 is gone; run it again to resume)</c>.</summary>
    public string Described => $"{State} ({Reason})";

    /// <summary>A status as its sweep stands now: nothing runs, and the trials that were running start again when it is run again.</summary>
    public SweepStatus Apply(SweepStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status with { Pending = status.Pending + status.Running, Running = 0 };
    }
}
