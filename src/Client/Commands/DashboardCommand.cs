using System.CommandLine;
using SweepGrid.Client.Cluster;
using SweepGrid.Client.Dashboard;
using SweepGrid.Client.Local;

namespace SweepGrid.Client.Commands;

/// <summary>`sweepgrid dashboard`: the browser dashboard of a cluster's sweeps, or of those run on this machine, until Ctrl+C.</summary>
public static class DashboardCommand
{
    public static Command Create()
    {
        var cluster = CommonOptions.Cluster();
        var results = CommonOptions.Results();
        var (port, bind, allowRemote) = Options();
        var command = new Command("dashboard", "Serve the browser dashboard: sweeps, live trials and curves, parameters, the best trial, nodes.")
        {
            cluster, results, port, bind, allowRemote,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var address = DashboardAddress.Parse(parse.GetValue(bind), parse.GetValue(port), parse.GetValue(allowRemote));
            if (parse.GetValue(cluster) is not null && parse.GetValue(results) is not null)
            {
                throw new CliInputException("give --cluster or --results, not both: the dashboard shows one cluster's sweeps, or those under one results folder");
            }

            IDashboardSource source = CommonOptions.TargetOf(parse.GetValue(cluster)) is { } target
                ? new ClusterDashboardSource(await ClusterSession.ConnectAsync(target, cancellation), ownsSession: true)
                : new ResultsDashboardSource(LocalSweeps.FromOption(parse.GetValue(results)));
            await using (source)
            {
                await using var server = await DashboardServer.StartAsync(address, source, cancellation);
                Console.Out.WriteLine($"dashboard: {server.Url} ({source.Description}); Ctrl+C stops it");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellation);
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>--port, --bind and --allow-remote, shared with `run --dashboard`.</summary>
    public static (Option<int> Port, Option<string?> Bind, Option<bool> AllowRemote) Options() => (
        new Option<int>("--port") { Description = $"The dashboard's port (default {DashboardAddress.DefaultPort}; 0: any free one).", DefaultValueFactory = _ => DashboardAddress.DefaultPort },
        new Option<string?>("--bind") { Description = "The address the dashboard listens on (default 127.0.0.1, this machine only)." },
        new Option<bool>("--allow-remote") { Description = "Let --bind name an address other machines reach: the dashboard has no login." });
}
