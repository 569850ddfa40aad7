using System.CommandLine;
using SweepGrid.Client.Local;

namespace SweepGrid.Client.Commands;

/// <summary>`sweepgrid results ID`: writes a sweep's results folder (as `run` does at its end), e.g. for a sweep launched on a cluster.</summary>
public static class ResultsCommand
{
    public static Command Create()
    {
        var id = CommonOptions.SweepId();
        var cluster = CommonOptions.Cluster();
        var results = CommonOptions.Results();
        var output = new Option<string?>("--out") { Description = "Folder to write into (default: the sweep's folder under --results)." };
        var command = new Command("results", "Write a sweep's results folder: spec, trials.jsonl, leaderboard.csv, best.json, report and plots.") { id, cluster, results, output };
        command.SetAction(async (parse, cancellation) =>
        {
            var sweepId = parse.GetValue(id)!;
            var folder = parse.GetValue(output) ?? LocalSweeps.FromOption(parse.GetValue(results)).FolderOf(sweepId);
            await using var session = await CommonOptions.OpenSweepAsync(sweepId, parse.GetValue(cluster), parse.GetValue(results), cancellation);
            var report = await SweepReport.CollectAsync(session.Sweeps, sweepId);
            Console.Out.WriteLine($"results in {folder}: {report.WriteFolder(folder)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
