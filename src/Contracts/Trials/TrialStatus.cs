namespace SweepGrid.Contracts.Trials;

[GenerateSerializer]
public enum TrialStatus
{
    Pending,
    Running,
    Completed,
    Diverged,
    Failed,
    Cancelled,
    /// <summary>Stopped at a rung by its sweep's early stopping (ASHA), its checkpoint kept, until it is promoted.</summary>
    Paused,
    /// <summary>Stopped early by its sweep's early stopping: an outcome, not a failure; ranked after completed trials.</summary>
    Pruned,
}

public static class TrialStatuses
{
    public static bool IsTerminal(this TrialStatus status) => status is TrialStatus.Completed or TrialStatus.Diverged or TrialStatus.Failed or TrialStatus.Cancelled or TrialStatus.Pruned;
}
