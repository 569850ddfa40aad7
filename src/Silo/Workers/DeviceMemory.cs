using System.Globalization;

namespace SweepGrid.Silo.Workers;

/// <summary>The bytes a fused bundle may plan with on a device (<see cref="Trainer.Bundles.BundleMemory.Split"/>).</summary>
public static class DeviceMemory
{
    /// <summary>Workers:DeviceMemoryMb where set; else on CPU the kernel's MemAvailable (what the GC may use where that is
    /// unreadable), on a GPU no limit: TorchSharp 0.107 reports no CUDA memory, and running out is caught and retried in halves.</summary>
    public static long AvailableBytes(string device, long configuredMb)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (configuredMb > 0)
        {
            return configuredMb * 1024L * 1024;
        }

        return device == "cpu" ? MemAvailable() ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes : long.MaxValue;
    }

    private static long? MemAvailable()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                // "MemAvailable:   12345678 kB"
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && parts[0] == "MemAvailable:" && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
                {
                    return kib * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
