namespace SweepGrid.Silo.Workers;

/// <summary>This silo's trial workers: section Workers.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Workers";

    /// <summary>Trial slots per device, e.g. "cpu x2" or "cuda:0 x3, cuda:1 x3"; default "cpu x1". Empty: this silo trains nothing.</summary>
    public string Slots { get; set; } = "cpu x1";

    /// <summary>torch (the TorchSharp trainer, the default) or fake (sleeps through its epochs, section FakeExecutor).</summary>
    public WorkerExecutor Executor { get; set; } = WorkerExecutor.Torch;

    /// <summary>Where trial checkpoints live; every silo that may resume a trial must see the same folder. Default:
    /// $XDG_STATE_HOME/sweepgrid/checkpoints, else ~/.local/state/sweepgrid/checkpoints; a silo that trains creates it with mode 0700.</summary>
    public string CheckpointRoot { get; set; } = CheckpointFolder.Default();

    /// <summary>How long one Acquire call waits for work before the worker asks again; default 10 s.</summary>
    public TimeSpan AcquireWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a worker keeps retrying an epoch report or the settling of an attempt that the cluster does not
    /// answer: a silo that dies holding the trial's grain takes some seconds to be declared dead, and Redis may be restarting. Default 30 s.</summary>
    public TimeSpan ClusterPatience { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where trials write TensorBoard event files (per-epoch scalars and their hyperparameters), each trial in
    /// ROOT/SWEEP_ID/TRIAL (see <see cref="TensorBoardPerSweep"/>), for <c>tensorboard --logdir ROOT</c>. Empty (the default): none.</summary>
    public string TensorBoardRoot { get; set; } = "";

    /// <summary>Whether each sweep's trials get a folder of their own under TensorBoardRoot (the default); false puts the
    /// trials directly in it, as <c>sweepgrid run</c> does with its sweep's results folder, which holds one sweep.</summary>
    public bool TensorBoardPerSweep { get; set; } = true;

    /// <summary>The memory, in MiB, a fused bundle may plan with on this silo's devices (a bundle that would not fit trains as
    /// smaller bundles); 0, the default: on CPU the memory the kernel reports available, on a GPU no limit (TorchSharp does not
    /// report CUDA memory), and a bundle that runs out there is retried in halves.</summary>
    public int DeviceMemoryMb { get; set; }

    /// <summary>libtorch intra-op threads per trial; default 1.</summary>
    public int ThreadsPerTrial { get; set; } = 1;
}
