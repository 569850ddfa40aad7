using Microsoft.Data.Sqlite;

namespace SweepGrid.Grains.Storage;

/// <summary>
/// Tells a write refused for lack of disk space (ENOSPC or a quota on Unix, ERROR_DISK_FULL on Windows, SQLite's
/// SQLITE_FULL) from other failures, and lets this process hear of the first one: `sweepgrid run` stops at once with a
/// message naming the file instead of retrying into a full disk; a silo's slots hand their trials back, uncharged.
/// </summary>
public sealed class OutOfSpace
{
    private const int NoSpace = 28; // ENOSPC
    private const int QuotaExceeded = 122; // EDQUOT
    private const int DiskFull = 0x70; // ERROR_DISK_FULL
    private const int HandleDiskFull = 0x27; // ERROR_HANDLE_DISK_FULL
    private const int SqliteFull = 13; // SQLITE_FULL

    private readonly TaskCompletionSource<string> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the first out-of-space failure's description.</summary>
    public Task<string> First => _first.Task;

    public void Report(string description) => _first.TrySetResult(description);

    /// <summary>What ran out of space, from the exception or one it wraps (also one carried across a grain call only as
    /// its message), or null when the failure is another one.</summary>
    public static string? Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var code = e.HResult & 0xFFFF;
            if (e is SqliteException { SqliteErrorCode: SqliteFull }
                || e is IOException && (OperatingSystem.IsWindows() ? code is DiskFull or HandleDiskFull : e.HResult is NoSpace or QuotaExceeded)
                || e.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)
                || e.Message.Contains("database or disk is full", StringComparison.OrdinalIgnoreCase))
            {
                return e.Message;
            }
        }

        return null;
    }

    /// <summary>The IOException a SQLITE_FULL becomes, naming the database file.</summary>
    public static IOException Of(string path, Exception cause) =>
        new($"No space left on device: SQLite could not write {path} ({cause.Message})", cause) { HResult = NoSpace };
}
