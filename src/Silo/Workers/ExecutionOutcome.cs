namespace SweepGrid.Silo.Workers;

public enum ExecutionOutcome
{
    Completed,
    Diverged,

    /// <summary>The trial grain answered stop (cancelled, pruned, or the lease was lost).</summary>
    Stopped,

    /// <summary>The worker is shutting down; the attempt is handed back.</summary>
    Interrupted,
}
