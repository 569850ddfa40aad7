using System.CommandLine;
using SweepGrid.Client.Output;
using SweepGrid.Client.Results;

namespace SweepGrid.Client.Commands;

/// <summary>`sweepgrid best ID`: the best configuration with its metrics and report; --export writes it with its weights.</summary>
public static class BestCommand
{
    public static Command Create()
    {
        var id = CommonOptions.SweepId();
        var cluster = CommonOptions.Cluster();
        var results = CommonOptions.Results();
        var json = CommonOptions.Json();
        var export = new Option<string?>("--export") { Description = "Folder to write the configuration, metrics, classification report and weights (TorchSharp, PyTorch, safetensors, and a model.py) into." };
        var command = new Command("best", "Show the best configuration of a sweep, its metrics and classification report.") { id, cluster, results, json, export };
        command.SetAction(async (parse, cancellation) =>
        {
            var sweepId = parse.GetValue(id)!;
            await using var session = await CommonOptions.OpenSweepAsync(sweepId, parse.GetValue(cluster), parse.GetValue(results), cancellation);
            var report = await SweepReport.CollectAsync(session.Sweeps, sweepId);
            var metric = report.Results.Status.Metric;
            if (TrialRanking.Best(report.Results) is not { } best)
            {
                Console.Error.WriteLine($"error: no trial of sweep {sweepId} has completed yet ({StatusCommand.Describe(report.Results.Status)})");
                return ExitCodes.Failure;
            }

            if (parse.GetValue(export) is { } folder)
            {
                var exported = BestExport.Write(folder, best, report.Results.SpecYaml);
                var skipped = exported.Skipped.Count == 0 ? "" : "; skipped " + string.Join("; ", exported.Skipped.Select(s => $"{s.Name}: {s.Reason}"));
                Console.Error.WriteLine($"exported to {exported.Directory}: {string.Join(", ", exported.Written.Select(Path.GetFileName))}{skipped}");
            }

            Console.Out.Write(parse.GetValue(json)
                ? ResultsJson.Best(best, metric) + Environment.NewLine
                : LeaderboardText.Best(best, metric) + Environment.NewLine + BestReportText.For(best, metric));
            return ExitCodes.Ok;
        });
        return command;
    }
}
