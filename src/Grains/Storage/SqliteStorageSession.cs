using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SweepGrid.Grains.Storage;

/// <summary>
/// One open connection to the database with every statement the provider runs prepared once.
/// A session serves one operation at a time: SQLite connections are not safe to share between threads.
/// </summary>
internal sealed class SqliteStorageSession : IDisposable
{
    private const string CreateSchemaSql = """
        CREATE TABLE IF NOT EXISTS grain_state (
            state_name TEXT NOT NULL,
            grain_id   TEXT NOT NULL,
            etag       TEXT NOT NULL,
            payload    BLOB NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        );
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _read;
    private readonly SqliteCommand _readETag;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _delete;

    private SqliteStorageSession(SqliteConnection connection)
    {
        _connection = connection;
        _read = Prepare(
            "SELECT etag, payload FROM grain_state WHERE state_name = $state AND grain_id = $grain",
            "$state", "$grain");
        _readETag = Prepare(
            "SELECT etag FROM grain_state WHERE state_name = $state AND grain_id = $grain",
            "$state", "$grain");
        _insert = Prepare(
            """
            INSERT INTO grain_state (state_name, grain_id, etag, payload) VALUES ($state, $grain, $etag, $payload)
            ON CONFLICT (state_name, grain_id) DO NOTHING
            """,
            "$state", "$grain", "$etag", "$payload");
        _update = Prepare(
            """
            UPDATE grain_state SET etag = $etag, payload = $payload
            WHERE state_name = $state AND grain_id = $grain AND etag = $expected
            """,
            "$state", "$grain", "$etag", "$payload", "$expected");
        _delete = Prepare(
            "DELETE FROM grain_state WHERE state_name = $state AND grain_id = $grain AND etag = $expected",
            "$state", "$grain", "$expected");
    }

    /// <summary>Opens a connection with the per-connection pragmas set and the statements prepared.</summary>
    public static SqliteStorageSession Open(string connectionString, TimeSpan busyTimeout)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            var busyMilliseconds = (long)Math.Ceiling(busyTimeout.TotalMilliseconds);
            Execute(connection, string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA synchronous = NORMAL;"));
            return new SqliteStorageSession(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Switches the file to WAL and creates the table; returns the journal mode now in force.</summary>
    public static string InitializeDatabase(string connectionString, TimeSpan busyTimeout)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var busyMilliseconds = (long)Math.Ceiling(busyTimeout.TotalMilliseconds);
        Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyMilliseconds};"));

        string journalMode;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL;";
            journalMode = Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
        }

        Execute(connection, CreateSchemaSql);
        return journalMode;
    }

    public bool TryRead(
        string stateName,
        string grainId,
        [NotNullWhen(true)] out string? etag,
        [NotNullWhen(true)] out byte[]? payload)
    {
        _read.Parameters[0].Value = stateName;
        _read.Parameters[1].Value = grainId;
        using var reader = _read.ExecuteReader();
        if (!reader.Read())
        {
            etag = null;
            payload = null;
            return false;
        }

        etag = reader.GetString(0);
        payload = reader.GetFieldValue<byte[]>(1);
        return true;
    }

    public string? ReadETag(string stateName, string grainId)
    {
        _readETag.Parameters[0].Value = stateName;
        _readETag.Parameters[1].Value = grainId;
        return _readETag.ExecuteScalar() as string;
    }

    /// <summary>Creates the row; false when one already exists.</summary>
    public bool Insert(string stateName, string grainId, string etag, byte[] payload)
    {
        _insert.Parameters[0].Value = stateName;
        _insert.Parameters[1].Value = grainId;
        _insert.Parameters[2].Value = etag;
        _insert.Parameters[3].Value = payload;
        return _insert.ExecuteNonQuery() == 1;
    }

    /// <summary>Replaces the row only if it still carries <paramref name="expectedETag"/>.</summary>
    public bool Update(string stateName, string grainId, string expectedETag, string etag, byte[] payload)
    {
        _update.Parameters[0].Value = stateName;
        _update.Parameters[1].Value = grainId;
        _update.Parameters[2].Value = etag;
        _update.Parameters[3].Value = payload;
        _update.Parameters[4].Value = expectedETag;
        return _update.ExecuteNonQuery() == 1;
    }

    /// <summary>Deletes the row only if it still carries <paramref name="expectedETag"/>.</summary>
    public bool Delete(string stateName, string grainId, string expectedETag)
    {
        _delete.Parameters[0].Value = stateName;
        _delete.Parameters[1].Value = grainId;
        _delete.Parameters[2].Value = expectedETag;
        return _delete.ExecuteNonQuery() == 1;
    }

    public void Dispose()
    {
        _read.Dispose();
        _readETag.Dispose();
        _insert.Dispose();
        _update.Dispose();
        _delete.Dispose();
        _connection.Dispose();
    }

    private SqliteCommand Prepare(string sql, params string[] parameterNames)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
