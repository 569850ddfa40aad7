using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace SweepGrid.Grains.Storage;

/// <summary>
/// Grain storage in one SQLite file (WAL journal): one row per state name and grain id, written
/// with compare-and-set on the ETag so that a stale writer gets <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly string _name;
    private readonly string _databasePath;
    private readonly TimeSpan _busyTimeout;
    private readonly string _connectionString;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activatorProvider;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly OutOfSpace? _outOfSpace;
    private readonly Lock _initializeLock = new();

    // SQLite admits one writer at a time; queueing writers here is far cheaper than letting them
    // collide on the file lock and sleep in SQLite's busy handler.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Stack<SqliteStorageSession> _idleReaders = new();
    private readonly int _maxIdleReaders = Math.Max(2, Environment.ProcessorCount);
    private SqliteStorageSession? _writer;
    private volatile bool _initialized;
    private bool _disposed;

    public SqliteGrainStorage(
        string name,
        SqliteGrainStorageOptions options,
        IActivatorProvider activatorProvider,
        ILogger<SqliteGrainStorage> logger,
        OutOfSpace? outOfSpace = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(activatorProvider);
        ArgumentNullException.ThrowIfNull(logger);
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw new OrleansConfigurationException(
                $"SQLite grain storage '{name}' needs {nameof(SqliteGrainStorageOptions)}.{nameof(SqliteGrainStorageOptions.DatabasePath)}.");
        }

        if (options.BusyTimeout < TimeSpan.Zero)
        {
            throw new OrleansConfigurationException(
                $"SQLite grain storage '{name}' has a negative {nameof(SqliteGrainStorageOptions.BusyTimeout)}: {options.BusyTimeout}.");
        }

        _name = name;
        _databasePath = Path.GetFullPath(options.DatabasePath);
        _busyTimeout = options.BusyTimeout;
        _serializer = options.GrainStorageSerializer ?? throw new OrleansConfigurationException(
            $"SQLite grain storage '{name}' has no {nameof(SqliteGrainStorageOptions.GrainStorageSerializer)}.");
        _activatorProvider = activatorProvider;
        _logger = logger;
        _outOfSpace = outOfSpace;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            // The provider keeps its own sessions open, each with its statements prepared.
            Pooling = false,
            // Zero would mean "retry forever" to Microsoft.Data.Sqlite, the opposite of a zero busy timeout.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(_busyTimeout.TotalSeconds)),
        }.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _databasePath;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            EnsureInitialized();
            var session = RentReader();
            try
            {
                if (session.TryRead(stateName, grainId.ToString(), out var etag, out var payload))
                {
                    grainState.State = _serializer.Deserialize<T>(new BinaryData(payload)) ?? CreateEmptyState<T>();
                    grainState.ETag = etag;
                    grainState.RecordExists = true;
                }
                else
                {
                    ResetToMissing(grainState);
                }
            }
            finally
            {
                ReturnReader(session);
            }

            return Task.CompletedTask;
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        EnsureInitialized();
        var key = grainId.ToString();
        var payload = ToArray(_serializer.Serialize(grainState.State));
        var expectedETag = grainState.ETag;
        var newETag = Guid.NewGuid().ToString("N");

        // The provider runs no grain code, so it need not resume on the grain's scheduler.
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var writer = _writer ?? throw new ObjectDisposedException(nameof(SqliteGrainStorage));
            var written = Guarded(() => expectedETag is null
                ? writer.Insert(stateName, key, newETag, payload)
                : writer.Update(stateName, key, expectedETag, newETag, payload));
            if (!written)
            {
                throw Conflict("write", stateName, grainId, expectedETag, writer.ReadETag(stateName, key));
            }
        }
        finally
        {
            _writeGate.Release();
        }

        grainState.ETag = newETag;
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        EnsureInitialized();
        var key = grainId.ToString();
        var expectedETag = grainState.ETag;

        // The provider runs no grain code, so it need not resume on the grain's scheduler.
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var writer = _writer ?? throw new ObjectDisposedException(nameof(SqliteGrainStorage));

            // A null ETag claims there is nothing stored: clearing succeeds only if that is still true.
            var cleared = Guarded(() => expectedETag is null
                ? writer.ReadETag(stateName, key) is null
                : writer.Delete(stateName, key, expectedETag));
            if (!cleared)
            {
                throw Conflict("clear", stateName, grainId, expectedETag, writer.ReadETag(stateName, key));
            }
        }
        finally
        {
            _writeGate.Release();
        }

        ResetToMissing(grainState);
    }

    // A full disk is named as such, with the file, and heard of by this process at once.
    private bool Guarded(Func<bool> write)
    {
        try
        {
            return write();
        }
        catch (SqliteException e) when (OutOfSpace.Describe(e) is not null)
        {
            var error = OutOfSpace.Of(_databasePath, e);
            _outOfSpace?.Report(error.Message);
            throw error;
        }
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            OptionFormattingUtilities.Name<SqliteGrainStorage>(_name),
            ServiceLifecycleStage.ApplicationServices,
            _ =>
            {
                // Opening at startup turns a bad path into a failed start, not a failed first grain.
                EnsureInitialized();
                return Task.CompletedTask;
            });
    }

    public void Dispose()
    {
        lock (_idleReaders)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            while (_idleReaders.TryPop(out var reader))
            {
                reader.Dispose();
            }
        }

        _writeGate.Wait();
        try
        {
            _writer?.Dispose();
            _writer = null;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void EnsureInitialized()
    {
        if (_initialized)
        {
            return;
        }

        lock (_initializeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_initialized)
            {
                return;
            }

            var folder = Path.GetDirectoryName(_databasePath);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            var journalMode = SqliteStorageSession.InitializeDatabase(_connectionString, _busyTimeout);
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                _logger.LogWarning(
                    "SQLite grain storage {ProviderName} could not switch {DatabasePath} to WAL; journal mode is {JournalMode}",
                    _name, _databasePath, journalMode);
            }

            _writer = SqliteStorageSession.Open(_connectionString, _busyTimeout);
            _initialized = true;
            _logger.LogInformation(
                "SQLite grain storage {ProviderName} opened {DatabasePath}", _name, _databasePath);
        }
    }

    private SqliteStorageSession RentReader()
    {
        lock (_idleReaders)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idleReaders.TryPop(out var reader))
            {
                return reader;
            }
        }

        return SqliteStorageSession.Open(_connectionString, _busyTimeout);
    }

    private void ReturnReader(SqliteStorageSession reader)
    {
        lock (_idleReaders)
        {
            if (!_disposed && _idleReaders.Count < _maxIdleReaders)
            {
                _idleReaders.Push(reader);
                return;
            }
        }

        reader.Dispose();
    }

    private void ResetToMissing<T>(IGrainState<T> grainState)
    {
        grainState.State = CreateEmptyState<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private T CreateEmptyState<T>() => _activatorProvider.GetActivator<T>().Create();

    private InconsistentStateException Conflict(
        string operation, string stateName, GrainId grainId, string? expectedETag, string? storedETag) =>
        new(
            $"SQLite grain storage '{_name}' refused to {operation} state '{stateName}' of grain {grainId}: "
            + $"the caller holds ETag '{expectedETag ?? "(none)"}' but the stored ETag is '{storedETag ?? "(no record)"}'.",
            storedETag ?? string.Empty,
            expectedETag ?? string.Empty);

    private static byte[] ToArray(BinaryData data)
    {
        // The serializers hand back a whole array; reuse it instead of copying.
        var memory = data.ToMemory();
        return MemoryMarshal.TryGetArray(memory, out var segment)
            && segment.Array is { } array
            && segment.Offset == 0
            && segment.Count == array.Length
                ? array
                : memory.ToArray();
    }
}
