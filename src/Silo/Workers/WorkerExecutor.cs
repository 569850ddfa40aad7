namespace SweepGrid.Silo.Workers;

/// <summary>What trains a silo's trials (Workers:Executor).</summary>
public enum WorkerExecutor
{
    /// <summary>The TorchSharp trainer.</summary>
    Torch,

    /// <summary>A stand-in that sleeps through its epochs (section FakeExecutor), for trying out a cluster.</summary>
    Fake,
}
