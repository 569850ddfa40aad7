using System.CommandLine;
using SweepGrid.Client.Output;

namespace SweepGrid.Client.Commands;

/// <summary>`sweepgrid cancel ID`: pending trials are cancelled at once, running ones at their next epoch.</summary>
public static class CancelCommand
{
    public static Command Create()
    {
        var id = CommonOptions.SweepId();
        var cluster = CommonOptions.Cluster();
        var results = CommonOptions.Results();
        var json = CommonOptions.Json();
        var command = new Command("cancel", "Cancel a sweep: pending trials at once, running ones at their next epoch.") { id, cluster, results, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var sweepId = parse.GetValue(id)!;
            await using var session = await CommonOptions.OpenSweepAsync(sweepId, parse.GetValue(cluster), parse.GetValue(results), cancellation);
            var status = await session.Sweeps.CancelAsync(sweepId);
            Console.Out.WriteLine(parse.GetValue(json) ? CliJson.Write(status) : StatusCommand.Describe(status));
            return ExitCodes.Ok;
        });
        return command;
    }
}
