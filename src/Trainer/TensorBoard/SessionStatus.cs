namespace SweepGrid.Trainer.TensorBoard;

/// <summary>How a session (a trial) ended, as the HParams plugin's Status enum numbers it.</summary>
public enum SessionStatus
{
    Unknown = 0,
    Success = 1,
    Failure = 2,
    Running = 3,
}
