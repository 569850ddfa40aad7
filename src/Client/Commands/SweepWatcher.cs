using SweepGrid.Client.Cluster;
using SweepGrid.Client.Output;
using SweepGrid.Contracts.Sweeps;

namespace SweepGrid.Client.Commands;

/// <summary>Follows a sweep's events into a live view until it finishes or the user stops watching.</summary>
public static class SweepWatcher
{
    private static readonly TimeSpan RedrawPeriod = TimeSpan.FromMilliseconds(500);

    /// <summary>Returns the view as it stood when the sweep finished or watching was cancelled.</summary>
    public static Task<SweepView> FollowAsync(SweepClient sweeps, string sweepId, LiveView live, Action<string>? eventJson, CancellationToken cancellation,
        Action<SweepEvent, SweepView>? observe = null) =>
        live.ShowAsync(() => FollowInsideAsync(sweeps, sweepId, live, eventJson, cancellation, observe));

    private static async Task<SweepView> FollowInsideAsync(SweepClient sweeps, string sweepId, LiveView live, Action<string>? eventJson, CancellationToken cancellation,
        Action<SweepEvent, SweepView>? observe)
    {
        var view = new SweepView();
        var gate = new Lock();
        string? notice = null;
        using var stopRedraw = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var redraw = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(RedrawPeriod);
            try
            {
                while (await timer.WaitForNextTickAsync(stopRedraw.Token))
                {
                    lock (gate)
                    {
                        live.Draw(view, DateTimeOffset.UtcNow, notice);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var e in sweeps.WatchAsync(sweepId, 0, cancellation, reconnecting => notice = reconnecting))
            {
                lock (gate)
                {
                    view.Apply(e, DateTimeOffset.UtcNow);
                    live.OnEvent(e, view);
                    observe?.Invoke(e, view);
                }

                eventJson?.Invoke(CliJson.Write(e, indented: false));
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
        finally
        {
            await stopRedraw.CancelAsync();
            await redraw;
            lock (gate)
            {
                live.Draw(view, DateTimeOffset.UtcNow);
            }
        }

        return view;
    }
}
