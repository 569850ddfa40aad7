using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;
using SweepGrid.Silo.Settings;

namespace SweepGrid.Silo.Hosting;

/// <summary>
/// The standalone silo's host. A generic host, which listens on nothing but the silo's own ports; with Dashboard:Enabled
/// a web application instead, serving the Orleans dashboard on Dashboard:Bind and Dashboard:Port and nowhere else.
/// </summary>
public static class SiloHost
{
    public const string ServiceName = "sweepgrid-silo";

    public static async Task RunAsync(string[] args)
    {
        var plain = Host.CreateApplicationBuilder(args);
        var settings = Load(plain);
        if (!settings.Dashboard.Enabled)
        {
            AddSilo(plain, settings);
            await plain.Build().RunAsync();
            return;
        }

        var web = WebApplication.CreateBuilder(args);
        settings = Load(web);
        AddSilo(web, settings);
        var dashboard = settings.Dashboard;
        // Listen replaces ASPNETCORE_URLS and Kestrel's default of port 5000: the dashboard is all this host serves.
        web.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(dashboard.Bind), dashboard.Port));
        var app = web.Build();
        app.MapOrleansDashboard();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SiloHost));
        app.Lifetime.ApplicationStarted.Register(() => log.LogInformation("Orleans dashboard on http://{Bind}:{Port}/", dashboard.Bind, dashboard.Port));
        await app.RunAsync();
    }

    /// <summary>Settings from appsettings.json, SWEEPGRID_-prefixed environment variables (SWEEPGRID_Cluster__Mode=redis)
    /// and the command line (--Workers:Slots "cpu x3"), bound and checked.</summary>
    private static SweepGridSettings Load(IHostApplicationBuilder builder)
    {
        builder.Configuration.AddEnvironmentVariables("SWEEPGRID_");
        return SweepGridSettings.Load(builder.Configuration);
    }

    private static void AddSilo(IHostApplicationBuilder builder, SweepGridSettings settings)
    {
        builder.AddSweepGridObservability(ServiceName, settings.Logging);
        builder.UseOrleans(silo =>
        {
            silo.UseSweepGridCluster(settings).AddSweepGrid(settings);
            if (settings.Dashboard.Enabled)
            {
                silo.AddDashboard();
            }
        });
    }
}
