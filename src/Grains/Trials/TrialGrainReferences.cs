using System.Runtime.CompilerServices;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Grains.Trials;

/// <summary>
/// Trial grain references by key. <c>GetGrain&lt;T&gt;</c> resolves the interface's grain type by reflection on
/// every call (7 % of the orchestration benchmark's CPU, several calls per trial); this resolves it once per factory.
/// </summary>
public static class TrialGrainReferences
{
    private static readonly ConditionalWeakTable<IGrainFactory, Resolved> Types = new();

    public static ITrialGrain GetTrial(this IGrainFactory grains, string key)
    {
        if (Types.TryGetValue(grains, out var resolved))
        {
            return (ITrialGrain)grains.GetGrain(GrainId.Create(resolved.GrainType, key), resolved.InterfaceType);
        }

        var trial = grains.GetGrain<ITrialGrain>(key);
        var reference = (GrainReference)trial;
        Types.TryAdd(grains, new Resolved(reference.GrainId.Type, reference.InterfaceType));
        return trial;
    }

    private sealed record Resolved(GrainType GrainType, GrainInterfaceType InterfaceType);
}
