namespace SweepGrid.Silo.Settings;

/// <summary>Where the grains keep their state: section Storage.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>sqlite (one file, the default) or redis (Redis:ConnectionString, for a cluster).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The SQLite file with sqlite storage; default results/sweepgrid.db.</summary>
    public string SqlitePath { get; set; } = Path.Combine("results", "sweepgrid.db");
}
