using SweepGrid.Client.Dashboard.Api;
using SweepGrid.Contracts.Sweeps;

namespace SweepGrid.Client.Dashboard;

/// <summary>
/// The monitors of the sweeps pages are open on, one per sweep, started at the first request for it and replaced when the
/// sweep's connection changes (its run stopped, or started again).
/// </summary>
public sealed class DashboardSweeps(IDashboardSource source) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, SweepMonitor> _monitors = new(StringComparer.Ordinal);

    public IDashboardSource Source => source;

    /// <summary>The sweep's monitor, ready; null when the source knows no such sweep.</summary>
    public async Task<SweepMonitor?> MonitorAsync(string sweepId, CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation);
        try
        {
            if (_monitors.TryGetValue(sweepId, out var monitor) && !monitor.Disconnected)
            {
                return monitor;
            }

            if (await source.OpenAsync(sweepId, cancellation) is not { } connection)
            {
                return null;
            }

            if (monitor is not null && monitor.Source == connection.Source)
            {
                return monitor;
            }

            if (monitor is not null)
            {
                _monitors.Remove(sweepId);
                await monitor.DisposeAsync();
            }

            monitor = await SweepMonitor.StartAsync(connection.Sweeps, sweepId, connection.Source, cancellation);
            _monitors[sweepId] = monitor;
            return monitor;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The sweeps, with the live counts and best value of those a monitor follows.</summary>
    public async Task<IReadOnlyList<SweepJson>> ListAsync(CancellationToken cancellation)
    {
        var listed = await source.SweepsAsync(cancellation);
        await _gate.WaitAsync(cancellation);
        try
        {
            return listed.Select(s => _monitors.TryGetValue(s.SweepId, out var m) && !m.Disconnected ? m.Summary() with { Name = s.Name, LaunchedAt = s.LaunchedAt ?? m.Summary().LaunchedAt } : s).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    public static SweepJson Json(SweepStatus status, double? best)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new SweepJson
        {
            SweepId = status.SweepId,
            Name = status.Name,
            State = StateName(status.State),
            Total = status.Total,
            Finished = status.Finished,
            Pending = status.Pending,
            Running = status.Running,
            Paused = status.Paused,
            Completed = status.Completed,
            Pruned = status.Pruned,
            Diverged = status.Diverged,
            Failed = status.Failed,
            Cancelled = status.Cancelled,
            Metric = status.Metric,
            Maximize = status.Maximize,
            Best = best,
            LaunchedAt = status.LaunchedAt,
            FinishedAt = status.FinishedAt,
        };
    }

    private static string StateName(SweepState state) => state switch
    {
        SweepState.NotLaunched => "not_launched",
        _ => state.ToString().ToLowerInvariant(),
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var monitor in _monitors.Values)
        {
            await monitor.DisposeAsync();
        }

        _monitors.Clear();
        _gate.Dispose();
    }
}
