using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace SweepGrid.Grains.Storage;

/// <summary>Registers <see cref="SqliteGrainStorage"/> as a named or the default grain storage of a silo.</summary>
public static class SqliteGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds SQLite grain storage as the provider grains get when they name none.</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(
        this ISiloBuilder builder,
        Action<SqliteGrainStorageOptions> configureOptions) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Adds SQLite grain storage under <paramref name="name"/>, the name grains give in <c>[PersistentState]</c>.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(
        this ISiloBuilder builder,
        string name,
        Action<SqliteGrainStorageOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices(services => services.AddSqliteGrainStorage(name, configureOptions));
    }

    /// <summary>Adds SQLite grain storage under <paramref name="name"/> to a silo's services.</summary>
    public static IServiceCollection AddSqliteGrainStorage(
        this IServiceCollection services,
        string name,
        Action<SqliteGrainStorageOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configureOptions);

        services.AddOptions<SqliteGrainStorageOptions>(name)
            .Configure(configureOptions)
            // The silo-wide default storage serializer is reflection-based JSON; the binary one is
            // what every [GenerateSerializer] state type is guaranteed to round-trip through.
            .PostConfigure<Serializer>((options, serializer) =>
                options.GrainStorageSerializer ??= new OrleansGrainStorageSerializer(serializer));

        return services.AddGrainStorage(name, static (provider, providerName) => new SqliteGrainStorage(
            providerName,
            provider.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(providerName),
            provider.GetRequiredService<IActivatorProvider>(),
            provider.GetRequiredService<ILogger<SqliteGrainStorage>>(),
            provider.GetService<OutOfSpace>()));
    }
}
