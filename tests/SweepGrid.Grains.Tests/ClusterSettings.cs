namespace SweepGrid.Grains.Tests;

public sealed record ClusterSettings
{
    public int Silos { get; init; } = 2;

    public string Slots { get; init; } = "cpu x2";

    public TimeSpan EpochDuration { get; init; } = TimeSpan.FromMilliseconds(20);

    public TimeSpan LeaseTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Grain storage in this Redis server (host:port) instead of the SQLite file.</summary>
    public string? Redis { get; init; }

    /// <summary>How long a worker retries a call the cluster does not answer (30 s in production).</summary>
    public TimeSpan? ClusterPatience { get; init; }

    /// <summary>How often the dispatcher checks its queues against the sweeps (a minute in production).</summary>
    public TimeSpan? ResyncInterval { get; init; }

    /// <summary>Dispatcher:RetainedEvents: how many of its latest events a sweep keeps for watchers (20,000 in production).</summary>
    public int RetainedEvents { get; init; } = 20_000;

    /// <summary>How late every trial grain's GetSnapshot answers after reading its state, when set.</summary>
    public TimeSpan? SlowTrialSnapshots { get; init; }

    /// <summary>Where every silo's SweepGrid log lines go, when set.</summary>
    public Faults.MemoryLoggerProvider? Log { get; init; }

    /// <summary>Storage faults and grain-call faults injected into every silo.</summary>
    public Faults.FaultSchedule? Faults { get; init; }

    /// <summary>Trials whose training throws (checked at each attempt, so a test may change its mind).</summary>
    public Func<Contracts.Trials.TrialConfig, bool>? Crashes { get; set; }

    /// <summary>Train with TorchSharp instead of the fake executor.</summary>
    public bool RealTrainer { get; init; }

    /// <summary>Workers:DeviceMemoryMb: the memory a fused bundle may plan with (0: measured).</summary>
    public int DeviceMemoryMb { get; init; }
}
