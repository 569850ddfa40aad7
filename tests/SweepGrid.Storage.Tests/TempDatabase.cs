using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using SweepGrid.Grains.Storage;

namespace SweepGrid.Storage.Tests;

/// <summary>A database path in a fresh temp folder that is deleted, with everything in it, on dispose.</summary>
public sealed class TempDatabase : IDisposable
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "sweepgrid-storage-tests", Guid.NewGuid().ToString("N"));

        // A folder that does not exist yet: the provider must create it.
        DatabasePath = Path.Combine(Folder, "state", "grains.db");
    }

    public string Folder { get; }

    public string DatabasePath { get; }

    public SqliteGrainStorage CreateStorage(string name = "test") => new(
        name,
        new SqliteGrainStorageOptions
        {
            DatabasePath = DatabasePath,
            GrainStorageSerializer = new OrleansGrainStorageSerializer(Services.GetRequiredService<Serializer>()),
        },
        Services.GetRequiredService<IActivatorProvider>(),
        NullLogger<SqliteGrainStorage>.Instance);

    /// <summary>Opens the file the way another program would, outside the provider.</summary>
    public SqliteConnection OpenSeparateConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
