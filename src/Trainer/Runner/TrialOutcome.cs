namespace SweepGrid.Trainer.Runner;

public enum TrialOutcome
{
    /// <summary>Trained every epoch; test metrics are present.</summary>
    Completed,

    /// <summary>The loss became NaN or infinite; an outcome of the configuration, not a crash.</summary>
    Diverged,

    /// <summary>The epoch callback said stop (cancelled by the user, or pruned).</summary>
    Stopped,

    /// <summary>The cancellation token fired mid-epoch; the last checkpoint is where a new attempt resumes.</summary>
    Interrupted,
}
