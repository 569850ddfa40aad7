using System.CommandLine;
using SweepGrid.Client.Cluster;
using SweepGrid.Client.Output;

namespace SweepGrid.Client.Commands;

/// <summary>`sweepgrid launch SPEC`: validates the spec here, launches it on a cluster, prints the sweep id; --watch follows it.</summary>
public static class LaunchCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "The sweep spec (YAML)." };
        var cluster = CommonOptions.Cluster();
        var watch = new Option<bool>("--watch") { Description = "Follow the sweep until it finishes." };
        var json = CommonOptions.Json();
        var command = new Command("launch", "Launch a sweep on a running cluster; launching the same spec again changes nothing.") { spec, cluster, watch, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var path = parse.GetValue(spec)!;
            // Validated before connecting: a bad spec is reported the same with or without a cluster.
            var plan = SpecFiles.Plan(path);
            var target = CommonOptions.TargetOf(parse.GetValue(cluster)) ?? ClusterTarget.Parse("localhost");
            await using var session = await ClusterSession.ConnectAsync(target, cancellation);
            // Data the cluster cannot read is bad input too, found before the sweep is stored rather than as a sweep of failed trials.
            if ((await session.Sweeps.CheckDatasetsAsync(plan)).FirstOrDefault() is { } problem)
            {
                throw new DatasetUnreadableException(problem);
            }

            var status = await session.Sweeps.LaunchAsync(plan);
            var asJson = parse.GetValue(json);
            if (asJson)
            {
                Console.Out.WriteLine(CliJson.Write(status));
            }
            else
            {
                Console.Out.WriteLine(status.SweepId);
                Console.Error.WriteLine($"sweep {status.Name}: {status.Total} trials, {status.Finished} finished ({status.State.ToString().ToLowerInvariant()}) on {target}; follow it with 'sweepgrid watch {status.SweepId} --cluster {target}'");
            }

            if (!parse.GetValue(watch))
            {
                return ExitCodes.Ok;
            }

            var progress = asJson ? Console.Error : Console.Out;
            var view = await SweepWatcher.FollowAsync(session.Sweeps, status.SweepId, new LiveView(progress, LiveView.IsTerminal(progress)), null, cancellation);
            return WatchCommand.ExitCodeOf(view);
        });
        return command;
    }
}
