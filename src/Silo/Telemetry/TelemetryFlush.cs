using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace SweepGrid.Silo.Telemetry;

/// <summary>
/// Exports what the process still holds (the last spans, a final reading of the meters) when its host stops, before
/// the process exits: a short `sweepgrid launch` would otherwise end before its batch is due. Registered before the
/// other hosted services, so it stops after them; bounded, so an unreachable collector delays the exit by little.
/// </summary>
public sealed class TelemetryFlush(IServiceProvider services) : IHostedService
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        int Left() => (int)Math.Max(0, (Patience - clock.Elapsed).TotalMilliseconds);
        services.GetService<TracerProvider>()?.ForceFlush(Left());
        services.GetService<MeterProvider>()?.ForceFlush(Left());
        return Task.CompletedTask;
    }
}
