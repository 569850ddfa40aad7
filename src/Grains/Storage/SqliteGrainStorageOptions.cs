using Orleans.Storage;

namespace SweepGrid.Grains.Storage;

/// <summary>Settings of one named <see cref="SqliteGrainStorage"/> provider.</summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>The database file; it and its folder are created when missing.</summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>How long a write waits for another process holding the database lock before it fails.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How grain state becomes bytes. When left unset the silo's Orleans binary serializer is used,
    /// which round-trips every <c>[GenerateSerializer]</c> type and tolerates added <c>[Id]</c> members.
    /// </summary>
    public IGrainStorageSerializer? GrainStorageSerializer { get; set; }
}
