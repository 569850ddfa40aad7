using SweepGrid.Silo.Hosting;

namespace SweepGrid.Silo.Settings;

/// <summary>Storage: a SQLite file to open with sqlite storage (redis storage's connection string is RedisOptionsValidator's).</summary>
public sealed class StorageOptionsValidator : ISettingsValidator
{
    public void Validate(SweepGridSettings settings)
    {
        var storage = settings.Storage;
        if (storage.Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(storage.SqlitePath))
        {
            throw new SiloConfigurationException("Storage:SqlitePath",
                $"Storage:SqlitePath '{storage.SqlitePath}' is empty: give the SQLite file (default {Path.Combine("results", "sweepgrid.db")}), or set Storage:Provider=redis");
        }
    }
}
