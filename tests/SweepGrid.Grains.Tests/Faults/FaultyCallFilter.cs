namespace SweepGrid.Grains.Tests.Faults;

/// <summary>
/// Fails, delays or loses the replies of calls to SweepGrid's grains as its schedule picks. Watch streams are left
/// alone: the test follows the sweep through them, and their reconnects are tested elsewhere.
/// </summary>
public sealed class FaultyCallFilter(FaultSchedule schedule) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var grainType = context.Grain?.GetType();
        // Timer ticks arrive as calls too; a tick that never runs is not a fault a real cluster has.
        if (grainType?.Namespace?.StartsWith("SweepGrid.Grains", StringComparison.Ordinal) != true || context.MethodName is "Watch" or "MoveNext" or "DisposeAsync"
            || context.InterfaceName.Contains("Timer", StringComparison.Ordinal))
        {
            await context.Invoke();
            return;
        }

        var what = $"{grainType.Name}.{context.MethodName}";
        switch (schedule.Draw("call", what, schedule.CallRate))
        {
            case null:
                await context.Invoke();
                break;
            case { Kind: FaultKind.FailBefore }:
                throw new InjectedFaultException($"injected: call {what} failed before it ran");
            case { Kind: FaultKind.FailAfter }:
                await context.Invoke();
                throw new InjectedFaultException($"injected: call {what} ran but its reply was lost");
            case { Delay: var delay }:
                await Task.Delay(delay);
                await context.Invoke();
                break;
        }
    }
}
