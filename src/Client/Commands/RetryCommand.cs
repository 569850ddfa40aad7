using System.CommandLine;
using SweepGrid.Client.Output;

namespace SweepGrid.Client.Commands;

/// <summary>`sweepgrid retry ID`: the sweep's failed trials are queued again, each with a fresh retry budget.</summary>
public static class RetryCommand
{
    public static Command Create()
    {
        var id = CommonOptions.SweepId();
        var cluster = CommonOptions.Cluster();
        var results = CommonOptions.Results();
        var json = CommonOptions.Json();
        var command = new Command("retry", "Queue a sweep's failed trials again, each with a fresh retry budget.") { id, cluster, results, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var sweepId = parse.GetValue(id)!;
            await using var session = await CommonOptions.OpenSweepAsync(sweepId, parse.GetValue(cluster), parse.GetValue(results), cancellation);
            var before = await session.Sweeps.StatusAsync(sweepId);
            var status = await session.Sweeps.RetryFailedAsync(sweepId);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(CliJson.Write(status));
                return ExitCodes.Ok;
            }

            Console.Out.WriteLine(before.Failed == 0 ? $"sweep {sweepId} has no failed trials" : $"{before.Failed} failed trials of sweep {sweepId} queued again");
            Console.Out.WriteLine(StatusCommand.Describe(status));
            if (before.Failed > 0 && parse.GetValue(cluster) is null && Local.LocalSweeps.FromOption(parse.GetValue(results)).LiveRun(sweepId) is null)
            {
                // A stopped local sweep is opened by a silo that trains nothing: the next run of its spec trains them.
                Console.Error.WriteLine($"they train when the sweep runs: sweepgrid run SPEC{(parse.GetValue(results) is { } folder ? $" --results {folder}" : "")}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
