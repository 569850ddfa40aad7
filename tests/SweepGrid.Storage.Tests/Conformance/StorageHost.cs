using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using SweepGrid.Grains;

namespace SweepGrid.Storage.Tests.Conformance;

/// <summary>
/// One grain storage provider as a silo gets it: registered through a silo builder under the production name, built by
/// the silo's service container (its serializer, its defaults) and started and stopped through the silo lifecycle.
/// </summary>
public sealed class StorageHost : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly ServiceProvider _services;
    private readonly SiloLifecycleSubject _lifecycle;

    private StorageHost(ServiceProvider services, SiloLifecycleSubject lifecycle, IGrainStorage storage)
    {
        _services = services;
        _lifecycle = lifecycle;
        Storage = storage;
    }

    public IGrainStorage Storage { get; }

    /// <summary>Builds and starts the provider that <paramref name="addStorage"/> registers under the name it is given.</summary>
    public static async Task<StorageHost> StartAsync(Action<ISiloBuilder, string> addStorage)
    {
        var collection = new ServiceCollection();
        collection.AddOrleans(silo =>
        {
            // Never started: the silo's services resolve only with some membership. The service id is part of every Redis
            // key; the silo's default is sweepgrid (SweepGridClusterExtensions).
            silo.UseLocalhostClustering(serviceId: "sweepgrid", clusterId: "sweepgrid");
            addStorage(silo, StorageNames.Default);
        });
        var services = collection.BuildServiceProvider();
        try
        {
            var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
            var lifecycle = new SiloLifecycleSubject(services.GetRequiredService<ILogger<SiloLifecycleSubject>>());

            // Only the provider joins this lifecycle: the rest of the silo (membership, gateway) never starts.
            if (storage is ILifecycleParticipant<ISiloLifecycle> participant)
            {
                participant.Participate(lifecycle);
            }

            await lifecycle.OnStart().WaitAsync(Timeout);
            return new StorageHost(services, lifecycle, storage);
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _lifecycle.OnStop().WaitAsync(Timeout);
        }
        finally
        {
            await _services.DisposeAsync();
        }
    }
}
