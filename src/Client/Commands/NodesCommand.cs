using System.CommandLine;
using SweepGrid.Client.Cluster;
using SweepGrid.Client.Local;
using SweepGrid.Client.Output;
using SweepGrid.Contracts.Nodes;

namespace SweepGrid.Client.Commands;

/// <summary>`sweepgrid nodes`: the silos that train, their devices and busy / free slots, and which of them run plaintext.</summary>
public static class NodesCommand
{
    public static Command Create()
    {
        var cluster = CommonOptions.Cluster();
        var results = CommonOptions.Results();
        var json = CommonOptions.Json();
        var command = new Command("nodes", "List the cluster's silos with their devices and busy / free slots (without --cluster: the sweeps running here).") { cluster, results, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var targets = CommonOptions.TargetOf(parse.GetValue(cluster)) is { } target
                ? [target]
                : LiveTargets(LocalSweeps.FromOption(parse.GetValue(results)));
            var nodes = new List<NodeInfo>();
            foreach (var each in targets)
            {
                await using var session = await ClusterSession.ConnectAsync(each, cancellation);
                nodes.AddRange(await session.Grains.GetGrain<INodeRegistryGrain>(INodeRegistryGrain.Key).List());
            }

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(CliJson.Write(nodes));
                return ExitCodes.Ok;
            }

            if (nodes.Count == 0)
            {
                Console.Out.WriteLine(targets.Count == 0
                    ? "no sweep is running on this machine; give --cluster to ask a cluster"
                    : "no silo has reported trial slots yet (silos report every few seconds)");
                return ExitCodes.Ok;
            }

            foreach (var line in NodesTable.Lines(nodes))
            {
                Console.Out.WriteLine(line);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<ClusterTarget> LiveTargets(LocalSweeps local) =>
        local.List().Select(local.LiveRun).OfType<RunRecord>().Select(r => ClusterTarget.Parse($"localhost:{r.GatewayPort}")).ToList();
}
