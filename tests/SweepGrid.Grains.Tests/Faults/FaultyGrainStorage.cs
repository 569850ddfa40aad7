using Orleans.Storage;

namespace SweepGrid.Grains.Tests.Faults;

/// <summary>A grain storage that fails or delays the reads, writes and clears its schedule picks, before or after the real one ran.</summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, FaultSchedule schedule) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Run("read", stateName, grainId, () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Run("write", stateName, grainId, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Run("clear", stateName, grainId, () => inner.ClearStateAsync(stateName, grainId, grainState));

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private async Task Run(string operation, string stateName, GrainId grainId, Func<Task> real)
    {
        var what = $"{operation} {stateName} {grainId}";
        switch (schedule.Draw("storage", what, schedule.StorageRate))
        {
            case null:
                await real();
                break;
            case { Kind: FaultKind.FailBefore }:
                throw new InjectedFaultException($"injected: storage {what} failed before it ran");
            case { Kind: FaultKind.FailAfter }:
                await real();
                throw new InjectedFaultException($"injected: storage {what} ran but its acknowledgement was lost");
            case { Delay: var delay }:
                await Task.Delay(delay);
                await real();
                break;
        }
    }
}
