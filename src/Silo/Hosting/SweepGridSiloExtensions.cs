using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SweepGrid.Grains.Dispatch;
using SweepGrid.Silo.Workers;

namespace SweepGrid.Silo.Hosting;

public static class SweepGridSiloExtensions
{
    /// <summary>
    /// The grains' settings and this silo's trial workers, from the configuration sections Dispatcher and Workers.
    /// The executor is the TorchSharp trainer unless Workers:Executor = fake (a stand-in that sleeps through its
    /// epochs, section FakeExecutor, for trying out a cluster) or one was registered before (tests and benchmarks).
    /// Storage and clustering are configured by the host.
    /// </summary>
    public static ISiloBuilder AddSweepGrid(this ISiloBuilder silo, IConfiguration configuration)
    {
        switch (configuration["Workers:Executor"]?.ToLowerInvariant())
        {
            case null or "" or "torch":
                break;
            case "fake":
                silo.Services.TryAddSingleton<ITrialExecutor, FakeTrialExecutor>();
                break;
            case var other:
                throw new SiloConfigurationException("Workers:Executor", $"Workers:Executor '{other}' is not known: use torch (the default) or fake");
        }

        silo.Services.AddOptions<DispatcherOptions>().Bind(configuration.GetSection("Dispatcher"));
        silo.Services.AddOptions<WorkerOptions>().Bind(configuration.GetSection("Workers"));
        silo.Services.AddOptions<FakeExecutorOptions>().Bind(configuration.GetSection("FakeExecutor"));
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<PreparedDataCache>();
        silo.Services.TryAddSingleton<ITrialExecutor, TorchTrialExecutor>();
        silo.Services.AddSingleton<SlotBoard>();
        silo.Services.AddHostedService<NodeHeartbeatService>();
        silo.Services.AddSingleton<TrialWorkerService>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<TrialWorkerService>());
        silo.AddActivityPropagation();
        return silo;
    }
}
