using System.Reflection;

namespace SweepGrid.Grains.Tests;

/// <summary>An IGrainFactory that hands out one grain object for its interface and refuses every other call, for services tested without a cluster.</summary>
public class RegistryOnlyGrainFactory : DispatchProxy
{
    private object? _grain;

    public static IGrainFactory For<TGrain>(TGrain grain)
        where TGrain : class, IGrain
    {
        var factory = Create<IGrainFactory, RegistryOnlyGrainFactory>();
        ((RegistryOnlyGrainFactory)(object)factory)._grain = grain;
        return factory;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod is { Name: nameof(IGrainFactory.GetGrain) } && targetMethod.ReturnType.IsInstanceOfType(_grain)
            ? _grain
            : throw new NotSupportedException($"{targetMethod?.Name} returning {targetMethod?.ReturnType.Name} is not faked");
}
