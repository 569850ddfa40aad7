using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SweepGrid.Silo.Hosting;

// A standalone silo: settings from appsettings.json, SWEEPGRID_-prefixed environment variables
// (SWEEPGRID_Cluster__Mode=redis) and the command line (--Workers:Slots "cuda:0 x3").
var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddEnvironmentVariables("SWEEPGRID_");
builder.AddSweepGridObservability("sweepgrid-silo");
builder.UseOrleans(silo => silo.UseSweepGridCluster(builder.Configuration).AddSweepGrid(builder.Configuration));
await builder.Build().RunAsync();
