namespace SweepGrid.Silo.Workers;

/// <summary>The stand-in trainer of Workers:Executor=fake: section FakeExecutor.</summary>
public sealed class FakeExecutorOptions
{
    public const string Section = "FakeExecutor";

    /// <summary>How long each epoch takes; default 50 ms.</summary>
    public TimeSpan EpochDuration { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Write a checkpoint after every epoch, so a new attempt resumes where the last one stopped; default true.</summary>
    public bool Checkpoints { get; set; } = true;
}
