using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SweepGrid.Silo.Hosting;
using SweepGrid.Silo.Settings;

// A standalone silo: settings from appsettings.json, SWEEPGRID_-prefixed environment variables
// (SWEEPGRID_Cluster__Mode=redis) and the command line (--Workers:Slots "cpu x3").
try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.Configuration.AddEnvironmentVariables("SWEEPGRID_");
    var settings = SweepGridSettings.Load(builder.Configuration);
    builder.AddSweepGridObservability("sweepgrid-silo", settings.Logging);
    builder.UseOrleans(silo => silo.UseSweepGridCluster(settings).AddSweepGrid(settings));
    await builder.Build().RunAsync();
    return 0;
}
catch (SiloConfigurationException e)
{
    // A setting that cannot work: one paragraph naming it and exit code 2, as the CLI does, not a stack trace.
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 2;
}
