using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using SweepGrid.Grains.Storage;

namespace SweepGrid.Grains.Tests.Faults;

public static class FaultyStorageRegistration
{
    /// <summary>The SQLite grain storage SweepGrid's grains use, behind a <see cref="FaultyGrainStorage"/>.</summary>
    public static IServiceCollection AddFaultySqliteGrainStorage(this IServiceCollection services, string path, FaultSchedule faults)
    {
        services.AddOptions<SqliteGrainStorageOptions>(StorageNames.Default)
            .Configure(options => options.DatabasePath = path)
            .PostConfigure<Serializer>((options, serializer) => options.GrainStorageSerializer ??= new OrleansGrainStorageSerializer(serializer));
        return services.AddGrainStorage(StorageNames.Default, (provider, name) => new FaultyGrainStorage(
            new SqliteGrainStorage(name, provider.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name),
                provider.GetRequiredService<IActivatorProvider>(), provider.GetRequiredService<ILogger<SqliteGrainStorage>>()),
            faults));
    }
}
