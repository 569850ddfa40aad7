using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SweepGrid.Client.Dashboard.Api;
using SweepGrid.Client.Output;

namespace SweepGrid.Client.Dashboard;

/// <summary>
/// A sweep's live updates as server-sent events. A page reconnecting sends the id of the last event it applied
/// (Last-Event-ID, which EventSource does by itself); it gets what changed after it, or everything anew ("reset") when this
/// server cannot tell (it restarted since). Changes are gathered for a moment before each message, so a busy sweep sends a
/// few messages a second, each with only the trials that changed.
/// </summary>
public static class SweepEventStream
{
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Ping = TimeSpan.FromSeconds(15);

    private static JsonSerializerOptions Json => CliJson.Lines;

    public static async Task Serve(HttpContext http, DashboardSweeps sweeps, string sweepId, long? after, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var cancellation = linked.Token;
        if (await sweeps.MonitorAsync(sweepId, cancellation) is not { } monitor)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsJsonAsync(new ErrorJson($"there is no sweep '{sweepId}'"), Json, cancellation);
            return;
        }

        var cursor = long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), out var last) ? last : after ?? -1;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            await Write(http, "retry: 2000\n\n", cancellation);
            while (!cancellation.IsCancellationRequested)
            {
                var changed = monitor.Changed;
                if ((cursor < 0 ? null : monitor.Since(cursor)) is not { } update)
                {
                    var detail = monitor.Detail();
                    await Send(http, "reset", detail.Sequence, JsonSerializer.Serialize(detail, Json), cancellation);
                    cursor = detail.Sequence;
                }
                else if (update.Trials.Count > 0 || update.Sequence > cursor)
                {
                    await Send(http, "update", update.Sequence, JsonSerializer.Serialize(update, Json), cancellation);
                    cursor = update.Sequence;
                }

                if (monitor.Ended && cursor >= monitor.Sequence)
                {
                    await Send(http, "end", cursor, JsonSerializer.Serialize(new { Sequence = cursor, Sweep = monitor.Summary() }, Json), cancellation);
                    return;
                }

                if (await Task.WhenAny(changed, Task.Delay(Ping, cancellation)) != changed)
                {
                    await Write(http, ": ping\n\n", cancellation);
                }

                await Task.Delay(Gather, cancellation);
                if (monitor.Disconnected && await Reopen(sweeps, sweepId, cancellation) is { } moved)
                {
                    // The run serving the sweep stopped or started again: follow the sweep through its new connection.
                    monitor = moved;
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }

    private static async Task<SweepMonitor?> Reopen(DashboardSweeps sweeps, string sweepId, CancellationToken cancellation)
    {
        try
        {
            return await sweeps.MonitorAsync(sweepId, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    private static Task Send(HttpContext http, string kind, long id, string data, CancellationToken cancellation) =>
        Write(http, $"event: {kind}\nid: {id}\ndata: {data}\n\n", cancellation);

    private static async Task Write(HttpContext http, string text, CancellationToken cancellation)
    {
        await http.Response.WriteAsync(text, cancellation);
        await http.Response.Body.FlushAsync(cancellation);
    }
}
