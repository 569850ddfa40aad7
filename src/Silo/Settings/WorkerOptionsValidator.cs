using SweepGrid.Silo.Hosting;
using SweepGrid.Silo.Workers;

namespace SweepGrid.Silo.Settings;

/// <summary>Workers: slots that parse, somewhere for checkpoints, waits that make sense, at least one thread per trial.</summary>
public sealed class WorkerOptionsValidator : ISettingsValidator
{
    public void Validate(SweepGridSettings settings)
    {
        var workers = settings.Workers;
        try
        {
            WorkerSlots.Parse(workers.Slots);
        }
        catch (FormatException e)
        {
            // WorkerSlots' messages already name the key, the entry and the form it takes.
            throw new SiloConfigurationException("Workers:Slots", e.Message, e);
        }

        if (string.IsNullOrWhiteSpace(workers.CheckpointRoot))
        {
            throw new SiloConfigurationException("Workers:CheckpointRoot",
                $"Workers:CheckpointRoot '{workers.CheckpointRoot}' is empty: give a folder every silo that may resume a trial can reach");
        }

        if (workers.AcquireWait <= TimeSpan.Zero)
        {
            throw new SiloConfigurationException("Workers:AcquireWait",
                $"Workers:AcquireWait '{workers.AcquireWait:c}' is not positive: give how long a worker's call for work waits (default 00:00:10)");
        }

        if (workers.ClusterPatience < TimeSpan.Zero)
        {
            throw new SiloConfigurationException("Workers:ClusterPatience",
                $"Workers:ClusterPatience '{workers.ClusterPatience:c}' is negative: give how long a worker retries a call the cluster does not answer (default 00:00:30), or 00:00:00 for no retries");
        }

        if (workers.ThreadsPerTrial < 1)
        {
            throw new SiloConfigurationException("Workers:ThreadsPerTrial",
                $"Workers:ThreadsPerTrial '{workers.ThreadsPerTrial}' is too few: give 1 or more libtorch threads per trial");
        }

        if (workers.DeviceMemoryMb < 0)
        {
            throw new SiloConfigurationException("Workers:DeviceMemoryMb",
                $"Workers:DeviceMemoryMb '{workers.DeviceMemoryMb}' is negative: give the MiB a fused bundle may plan with on this silo's devices, or 0 to measure (CPU) or not limit (GPU)");
        }
    }
}
