namespace SweepGrid.Grains.Tests.Faults;

/// <summary>Answers every call of one method of SweepGrid's grains late, after the call has run: what a caller then gets
/// is as old as the delay (a slow network or a busy silo).</summary>
public sealed class SlowRepliesFilter(string method, TimeSpan delay) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (context.MethodName == method && context.Grain?.GetType().Namespace?.StartsWith("SweepGrid.Grains", StringComparison.Ordinal) == true)
        {
            await Task.Delay(delay);
        }
    }
}
