using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SweepGrid.Client.Dashboard.Api;
using SweepGrid.Client.Output;
using Http = Microsoft.AspNetCore.Http.Results;

namespace SweepGrid.Client.Dashboard;

/// <summary>The dashboard's URLs: the page (one for every view), its assets, the JSON API under /api and the event streams.</summary>
public static class DashboardRoutes
{
    private static JsonSerializerOptions Json => CliJson.Lines;

    public static void Map(WebApplication app, DashboardSweeps sweeps, BestWeights weights)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(failed => failed.Run(async http =>
        {
            // A failure behind a request (a cluster call timing out) is said in one line, never as a stack trace.
            var error = http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await http.Response.WriteAsJsonAsync(new ErrorJson($"the sweeps could not be read: {error?.Message ?? "unknown error"}"), Json);
        }));

        app.MapGet("/", () => Page());
        app.MapGet("/nodes", () => Page());
        app.MapGet("/sweeps/{id}", async (string id, CancellationToken cancellation) =>
            await sweeps.MonitorAsync(id, cancellation) is null ? NotFound($"There is no sweep '{id}' in {sweeps.Source.Description}.") : Page());
        app.MapGet("/assets/{name}", (string name) => DashboardAssets.Find(name) is { } file ? Http.Bytes(file.Bytes, file.Type) : Http.NotFound());

        var api = app.MapGroup("/api");
        api.MapGet("/sweeps", async (CancellationToken cancellation) => Http.Json(new { Sweeps = await sweeps.ListAsync(cancellation) }, Json));
        api.MapGet("/sweeps/{id}", async (string id, CancellationToken cancellation) =>
            await sweeps.MonitorAsync(id, cancellation) is { } monitor ? Http.Json(monitor.Detail(), Json) : UnknownSweep(id));
        api.MapGet("/sweeps/{id}/trials/{trial}", async (string id, string trial, CancellationToken cancellation) =>
            await sweeps.MonitorAsync(id, cancellation) is not { } monitor ? UnknownSweep(id)
            : monitor.Trial(trial) is { } row ? Http.Json(row, Json)
            : Http.Json(new ErrorJson($"sweep '{id}' has no trial '{trial}'"), Json, statusCode: StatusCodes.Status404NotFound));
        api.MapGet("/sweeps/{id}/importance", async (string id, CancellationToken cancellation) =>
            await sweeps.MonitorAsync(id, cancellation) is { } monitor ? Http.Json(SweepImportance.Of(monitor), Json) : UnknownSweep(id));
        api.MapGet("/sweeps/{id}/best", async (string id, CancellationToken cancellation) =>
        {
            if (await sweeps.MonitorAsync(id, cancellation) is not { } monitor)
            {
                return UnknownSweep(id);
            }

            if (monitor.BestId() is not { } best)
            {
                return Http.Json(new BestJson(null, null, "no trial has completed yet"), Json);
            }

            var (path, why) = await weights.ExportAsync((await sweeps.Source.OpenAsync(id, cancellation))!.Sweeps, id, best);
            return Http.Json(new BestJson(monitor.Trial(best), path is null ? null : $"/api/sweeps/{Uri.EscapeDataString(id)}/best/weights", why), Json);
        });
        api.MapGet("/sweeps/{id}/best/weights", async (string id, CancellationToken cancellation) =>
        {
            if (await sweeps.MonitorAsync(id, cancellation) is not { } monitor)
            {
                return UnknownSweep(id);
            }

            if (monitor.BestId() is not { } best)
            {
                return Http.Json(new ErrorJson($"sweep '{id}' has no completed trial yet, so no weights"), Json, statusCode: StatusCodes.Status404NotFound);
            }

            var (path, why) = await weights.ExportAsync((await sweeps.Source.OpenAsync(id, cancellation))!.Sweeps, id, best);
            return path is null
                ? Http.Json(new ErrorJson(why ?? "the weights were not exported"), Json, statusCode: StatusCodes.Status404NotFound)
                : Http.File(path, "application/octet-stream", $"{id}-{best}.safetensors");
        });
        api.MapGet("/sweeps/{id}/events", (HttpContext http, string id, long? after) => SweepEventStream.Serve(http, sweeps, id, after,
            http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping));
        api.MapGet("/nodes", async (CancellationToken cancellation) =>
        {
            var nodes = await sweeps.Source.NodesAsync(cancellation);
            return Http.Json(new
            {
                Nodes = nodes.OrderBy(n => n.Silo, StringComparer.Ordinal)
                    .Select(n => new NodeJson(n.Silo, n.Address, n.StartedAt, n.SeenAt, [.. n.Devices.Select(d => new DeviceJson(d.Device, d.Slots, d.Busy, d.Free))])),
            }, Json);
        });
        api.MapFallback((HttpContext http) => Http.Json(new ErrorJson($"no such API: {http.Request.Path} (see the README's dashboard section)"), Json,
            statusCode: StatusCodes.Status404NotFound));
        app.MapFallback((HttpContext http) => NotFound($"There is no page {http.Request.Path}."));
    }

    private static IResult Page() => DashboardAssets.Find("index.html") is { } page
        ? Http.Bytes(page.Bytes, page.Type)
        : Http.Text("The dashboard's page was not built into this program (its npm build did not run).", "text/plain", statusCode: StatusCodes.Status500InternalServerError);

    private static IResult NotFound(string what) => Http.Text(NotFoundPage.Html(what), "text/html", Encoding.UTF8, StatusCodes.Status404NotFound);

    private static IResult UnknownSweep(string id) => Http.Json(new ErrorJson($"there is no sweep '{id}'"), Json, statusCode: StatusCodes.Status404NotFound);
}
