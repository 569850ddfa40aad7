using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.TestingHost;
using SweepGrid.Client.Cluster;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;
using SweepGrid.Grains.Tests.Faults;
using SweepGrid.Silo.Hosting;
using SweepGrid.Silo.Settings;
using SweepGrid.Silo.Workers;

namespace SweepGrid.Grains.Tests;

/// <summary>An in-process cluster of real silos with real grains, SQLite storage and trial workers.</summary>
public sealed class OrchestrationCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;
    private readonly List<FakeTrialExecutor> _executors = [];

    private OrchestrationCluster(InProcessTestCluster cluster) => _cluster = cluster;

    public InProcessTestCluster Cluster => _cluster;

    public IClusterClient Client => _cluster.Client;

    public SweepClient Sweeps => new(_cluster.Client);

    /// <summary>Epochs the fake executors of every silo started so far actually ran.</summary>
    public long EpochsRun => _executors.Sum(e => e.EpochsRun);

    /// <summary>The most trials one fake executor trained as one bundle.</summary>
    public int LargestBundle => _executors.Select(e => e.LargestBundle).DefaultIfEmpty(0).Max();

    public static async Task<OrchestrationCluster> StartAsync(string folder, ClusterSettings settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workers:Slots"] = settings.Slots,
            ["Workers:CheckpointRoot"] = Path.Combine(folder, "checkpoints"),
            ["Workers:AcquireWait"] = "00:00:05",
            ["Workers:DeviceMemoryMb"] = settings.DeviceMemoryMb.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Workers:ClusterPatience"] = (settings.ClusterPatience ?? TimeSpan.FromSeconds(30)).ToString("c"),
            ["Dispatcher:LeaseTimeout"] = settings.LeaseTimeout.ToString("c"),
            ["Dispatcher:ExpiryCheckInterval"] = "00:00:00.200",
            ["Dispatcher:RetainedEvents"] = settings.RetainedEvents.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FakeExecutor:EpochDuration"] = settings.EpochDuration.ToString("c"),
            ["Storage:Provider"] = settings.Redis is null ? "sqlite" : "redis",
            ["Storage:SqlitePath"] = Path.Combine(folder, "sweepgrid.db"),
            ["Redis:ConnectionString"] = settings.Redis,
        }).Build();
        var siloSettings = SweepGridSettings.Load(configuration);
        if (settings.ResyncInterval is { } resync)
        {
            // Below Orleans' one-minute reminder floor, which the test lowers too: repairs then show within a test's patience.
            siloSettings.Dispatcher.ResyncInterval = resync;
        }

        var builder = new InProcessTestClusterBuilder((short)settings.Silos);
        // Redis keys include the service id: a restarted cluster must be the same service to find its state.
        builder.Options.ServiceId = "sweepgrid-" + Path.GetFileName(folder);
        builder.ConfigureSilo((_, silo) =>
        {
            if (settings.Faults is { } faults)
            {
                silo.Services.AddFaultySqliteGrainStorage(siloSettings.Storage.SqlitePath, faults);
                silo.AddIncomingGrainCallFilter(new FaultyCallFilter(faults));
            }
            else
            {
                silo.AddSweepGridStorage(siloSettings);
            }

            silo.AddSweepGridReminders(siloSettings);
            if (settings.SlowTrialSnapshots is { } slow)
            {
                silo.AddIncomingGrainCallFilter(new SlowRepliesFilter("GetSnapshot", slow));
            }

            if (settings.Log is { } log)
            {
                // Debug for this provider alone: the test cluster's own file log keeps its level.
                silo.Services.AddLogging(logging => logging.AddProvider(log).AddFilter<MemoryLoggerProvider>(null, LogLevel.Debug));
            }

            if (settings.ResyncInterval is { } every)
            {
                silo.Services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = every);
            }

            if (settings.Crashes is not null)
            {
                silo.Services.AddSingleton(settings);
                silo.Services.AddSingleton<ITrialExecutor, CrashingExecutor>();
            }
            else if (!settings.RealTrainer)
            {
                silo.Services.AddSingleton<ITrialExecutor, FakeTrialExecutor>();
            }

            silo.AddSweepGrid(siloSettings);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        var result = new OrchestrationCluster(cluster);
        result.TrackExecutors();
        return result;
    }

    public async Task<InProcessSiloHandle> StartSiloAsync()
    {
        var silo = await _cluster.StartAdditionalSiloAsync();
        TrackExecutors();
        return silo;
    }

    /// <summary>Follows the sweep's events until it finishes.</summary>
    public async Task<List<SweepEvent>> WaitForSweepAsync(string sweepId, TimeSpan timeout, Func<SweepEvent, Task>? onEvent = null)
    {
        using var limit = new CancellationTokenSource(timeout);
        var events = new List<SweepEvent>();
        try
        {
            await foreach (var e in Sweeps.WatchAsync(sweepId, 0, limit.Token))
            {
                events.Add(e);
                if (onEvent is not null)
                {
                    await onEvent(e);
                }
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            var status = await Sweeps.StatusAsync(sweepId);
            throw new TimeoutException($"sweep {sweepId} did not finish in {timeout}: {status}");
        }

        return events;
    }

    public async Task<IReadOnlyList<TrialSnapshot>> TrialsAsync(string sweepId)
    {
        var snapshot = await Client.GetGrain<ISweepGrain>(sweepId).Watch(0).FirstAsync();
        return snapshot.Trials!;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _cluster.StopAllSilosAsync();
        }
        finally
        {
            await _cluster.DisposeAsync();
        }
    }

    private void TrackExecutors()
    {
        foreach (var silo in _cluster.Silos)
        {
            if (silo.ServiceProvider.GetService<ITrialExecutor>() is FakeTrialExecutor fake && !_executors.Contains(fake))
            {
                _executors.Add(fake);
            }
        }
    }
}
