namespace SweepGrid.Silo.Workers;

public sealed class FakeExecutorOptions
{
    /// <summary>How long each epoch takes.</summary>
    public TimeSpan EpochDuration { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Write a checkpoint after every epoch, so a new attempt resumes where the last one stopped.</summary>
    public bool Checkpoints { get; set; } = true;
}
