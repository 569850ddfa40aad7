namespace SweepGrid.Silo.Settings;

/// <summary>Where grain state lives (Storage:Provider).</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file (Storage:SqlitePath): one machine.</summary>
    Sqlite,

    /// <summary>Redis (Redis:ConnectionString): shared by every silo of a cluster.</summary>
    Redis,
}
