using SweepGrid.Grains.Storage;

namespace SweepGrid.Storage.Tests.Conformance;

public sealed class SqliteGrainStorageConformanceTests : GrainStorageConformanceTests
{
    private readonly TempDatabase _database = new();

    protected override void AddStorage(ISiloBuilder silo, string name)
    {
        var path = _database.DatabasePath;
        silo.AddSqliteGrainStorage(name, options => options.DatabasePath = path);
    }

    protected override Task CreateStoreAsync() => Task.CompletedTask;

    // The file is the whole store: a new provider instance opening it is the restart.
    protected override Task RestartStoreAsync() => Task.CompletedTask;

    protected override Task DeleteStoreAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }
}
