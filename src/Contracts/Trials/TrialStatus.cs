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
}

public static class TrialStatuses
{
    public static bool IsTerminal(this TrialStatus status) => status is TrialStatus.Completed or TrialStatus.Diverged or TrialStatus.Failed or TrialStatus.Cancelled;
}
