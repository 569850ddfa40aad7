using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SweepGrid.Client.Dashboard;

/// <summary>The dashboard: ASP.NET Core in this process serving the page, its JSON API and the live event streams.</summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DashboardSweeps _sweeps;
    private readonly BestWeights _weights;

    private DashboardServer(WebApplication app, DashboardSweeps sweeps, BestWeights weights, Uri url)
    {
        (_app, _sweeps, _weights, Url) = (app, sweeps, weights, url);
    }

    public Uri Url { get; }

    /// <summary>Starts listening; a port already taken is the user's to change (<see cref="CliInputException"/>).</summary>
    public static async Task<DashboardServer> StartAsync(DashboardAddress address, IDashboardSource source, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(address);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Listen replaces ASPNETCORE_URLS and Kestrel's default port: the dashboard listens where the user said, nowhere else.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address.Bind, address.Port));
        var app = builder.Build();
        var sweeps = new DashboardSweeps(source);
        var weights = new BestWeights();
        DashboardRoutes.Map(app, sweeps, weights);
        try
        {
            await app.StartAsync(cancellation);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            await sweeps.DisposeAsync();
            weights.Dispose();
            throw new CliInputException($"--port {address.Port} on {address.Bind} is in use ({e.Message.TrimEnd('.')}): give another port with --port, or --port 0 for any free one");
        }

        var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                        ?? $"http://{address.Bind}:{address.Port}";
        var url = new Uri(listening.Replace("0.0.0.0", Dns.GetHostName(), StringComparison.Ordinal).Replace("[::]", Dns.GetHostName(), StringComparison.Ordinal));
        return new DashboardServer(app, sweeps, weights, url);
    }

    public async ValueTask DisposeAsync()
    {
        // Open event streams end with the application's stopping token; give them a moment, not the default 30 s.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
        await _sweeps.DisposeAsync();
        _weights.Dispose();
    }
}
