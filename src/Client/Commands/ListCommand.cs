using System.CommandLine;
using SweepGrid.Client.Cluster;
using SweepGrid.Client.Local;
using SweepGrid.Client.Output;
using SweepGrid.Contracts.Sweeps;

namespace SweepGrid.Client.Commands;

/// <summary>`sweepgrid list`: the sweeps of a cluster, or those run on this machine.</summary>
public static class ListCommand
{
    public static Command Create()
    {
        var cluster = CommonOptions.Cluster();
        var results = CommonOptions.Results();
        var json = CommonOptions.Json();
        var command = new Command("list", "List the sweeps of the cluster (or, without --cluster, those under the results folder).") { cluster, results, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var rows = CommonOptions.TargetOf(parse.GetValue(cluster)) is { } target
                ? await FromCluster(target, cancellation)
                : FromResults(LocalSweeps.FromOption(parse.GetValue(results)));
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(CliJson.Write(rows));
            }
            else if (rows.Count == 0)
            {
                Console.Out.WriteLine("no sweeps yet: start one with 'sweepgrid run SPEC' (or 'sweepgrid launch SPEC' on a cluster)");
            }
            else
            {
                Console.Out.WriteLine($"{"ID",-40}  {"NAME",-28}  {"STATE",-11}  {"FINISHED",9}  LAUNCHED");
                foreach (var row in rows)
                {
                    var note = row.Note is null ? "" : $"  ({row.Note})";
                    Console.Out.WriteLine($"{row.SweepId,-40}  {row.Name,-28}  {row.State,-11}  {$"{row.Finished}/{row.Trials}",9}  {row.LaunchedAt.ToLocalTime():yyyy-MM-dd HH:mm}{note}");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <param name="Note">Why a sweep run here is not running any more though unfinished (its process is gone), else null.</param>
    public sealed record Row(string SweepId, string Name, string State, int Finished, int Trials, DateTimeOffset LaunchedAt, string? Note = null);

    private static async Task<IReadOnlyList<Row>> FromCluster(ClusterTarget target, CancellationToken cancellation)
    {
        await using var session = await ClusterSession.ConnectAsync(target, cancellation);
        var sweeps = await session.Grains.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List();
        var statuses = await Task.WhenAll(sweeps.Select(s => session.Sweeps.StatusAsync(s.SweepId)));
        return sweeps.Zip(statuses, (s, status) => new Row(s.SweepId, s.Name, status.State.ToString().ToLowerInvariant(), status.Finished, status.Total, s.LaunchedAt)).ToList();
    }

    /// <summary>From each folder's run.json, without opening the sweeps: a dead process's "running" sweep is interrupted.</summary>
    private static IReadOnlyList<Row> FromResults(LocalSweeps local) => local.List()
        .Select(id => (Id: id, Record: local.ReadRecord(id), Interrupted: local.Interrupted(id)))
        .Where(s => s.Record is not null)
        .Select(s => new Row(s.Id, s.Record!.Name, s.Interrupted is null ? s.Record.State : InterruptedRun.State,
            s.Record.Finished, s.Record.Trials, s.Record.StartedAt, s.Interrupted?.Reason))
        .ToList();
}
