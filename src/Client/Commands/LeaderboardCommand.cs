using System.CommandLine;
using SweepGrid.Client.Output;
using SweepGrid.Client.Results;

namespace SweepGrid.Client.Commands;

/// <summary>`sweepgrid leaderboard ID`: completed trials ranked by the sweep's metric.</summary>
public static class LeaderboardCommand
{
    public static Command Create()
    {
        var id = CommonOptions.SweepId();
        var cluster = CommonOptions.Cluster();
        var results = CommonOptions.Results();
        var top = new Option<int>("--top") { Description = "How many trials to show.", DefaultValueFactory = _ => 10 };
        var json = CommonOptions.Json();
        var csv = new Option<bool>("--csv") { Description = "Print CSV, the same as the results folder's leaderboard.csv." };
        var command = new Command("leaderboard", "Show the best trials of a sweep.") { id, cluster, results, top, json, csv };
        command.SetAction(async (parse, cancellation) =>
        {
            var sweepId = parse.GetValue(id)!;
            var count = parse.GetValue(top);
            if (count < 1)
            {
                throw new CliInputException($"--top must be at least 1, not {count}");
            }

            if (parse.GetValue(json) && parse.GetValue(csv))
            {
                throw new CliInputException("--json and --csv exclude each other: pick one");
            }

            await using var session = await CommonOptions.OpenSweepAsync(sweepId, parse.GetValue(cluster), parse.GetValue(results), cancellation);
            if (parse.GetValue(csv))
            {
                var report = await SweepReport.CollectAsync(session.Sweeps, sweepId);
                var ranked = TrialRanking.Completed(report.Results).Take(count).ToList();
                Console.Out.Write(LeaderboardCsv.Write(ranked, ConfigFields.Varying(report.Results.Trials.Where(t => t.Config is not null).Select(t => t.Config!)), report.Results.Status.Metric));
                return ExitCodes.Ok;
            }

            var status = await session.Sweeps.StatusAsync(sweepId);
            var entries = await session.Sweeps.LeaderboardAsync(sweepId, count);
            Console.Out.Write(parse.GetValue(json)
                ? CliJson.Write(new { Sweep = status.SweepId, status.Metric, Goal = status.Maximize ? "maximize" : "minimize", Entries = entries }) + Environment.NewLine
                : LeaderboardText.Table(status, entries, count));
            return ExitCodes.Ok;
        });
        return command;
    }
}
