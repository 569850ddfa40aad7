using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SweepGrid.Grains.Storage;
using SweepGrid.Silo.Settings;
using SweepGrid.Silo.TensorBoard;
using SweepGrid.Silo.Workers;

namespace SweepGrid.Silo.Hosting;

public static class SweepGridSiloExtensions
{
    /// <summary>
    /// The grains' settings (every section of the settings as IOptions&lt;T&gt;) and this silo's trial workers.
    /// The executor is the TorchSharp trainer unless Workers:Executor = fake (a stand-in that sleeps through its
    /// epochs, section FakeExecutor, for trying out a cluster) or one was registered before (tests and benchmarks).
    /// A silo with slots creates its checkpoint folder (<see cref="CheckpointFolder.Prepare"/>), and its trials write TensorBoard
    /// event files where Workers:TensorBoardRoot is set (<see cref="TensorBoardExecutor"/>). Storage and clustering are configured by the host.
    /// </summary>
    public static ISiloBuilder AddSweepGrid(this ISiloBuilder silo, SweepGridSettings settings)
    {
        if (settings.Workers.Executor == WorkerExecutor.Fake)
        {
            silo.Services.TryAddSingleton<ITrialExecutor, FakeTrialExecutor>();
        }

        if (WorkerSlots.Parse(settings.Workers.Slots).Count > 0)
        {
            // Before any trial writes into it, so that the folder is this user's alone (mode 0700) when the silo makes it.
            CheckpointFolder.Prepare(settings.Workers.CheckpointRoot);
        }

        settings.AddTo(silo.Services);
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<PreparedDataCache>();
        silo.Services.TryAddSingleton<OutOfSpace>();
        silo.Services.TryAddSingleton<ITrialExecutor, TorchTrialExecutor>();
        silo.Services.AddSingleton<SlotBoard>();
        silo.Services.AddHostedService<NodeHeartbeatService>();
        // The worker trains through the TensorBoard writer where Workers:TensorBoardRoot is set.
        silo.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<TrialWorkerService>(sp, TensorBoardExecutor.Around(
            sp.GetRequiredService<ITrialExecutor>(), sp.GetRequiredService<IOptions<WorkerOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TensorBoardExecutor>>())));
        silo.Services.AddHostedService(sp => sp.GetRequiredService<TrialWorkerService>());
        silo.AddActivityPropagation();
        return silo;
    }
}
