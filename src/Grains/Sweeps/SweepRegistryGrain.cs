using SweepGrid.Contracts.Sweeps;

namespace SweepGrid.Grains.Sweeps;

public sealed class SweepRegistryGrain(
    [PersistentState("sweeps", StorageNames.Default)] IPersistentState<SweepRegistryState> registry) : Grain, ISweepRegistryGrain
{
    public async Task Register(SweepSummary sweep)
    {
        if (registry.State.Sweeps.Any(s => s.SweepId == sweep.SweepId))
        {
            return;
        }

        registry.State.Sweeps.Add(sweep);
        await registry.WriteStateAsync();
    }

    public Task<IReadOnlyList<SweepSummary>> List() =>
        Task.FromResult<IReadOnlyList<SweepSummary>>(registry.State.Sweeps.OrderByDescending(s => s.LaunchedAt).ThenBy(s => s.SweepId, StringComparer.Ordinal).ToList());
}
