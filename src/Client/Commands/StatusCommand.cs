using System.CommandLine;
using System.Globalization;
using SweepGrid.Client.Output;
using SweepGrid.Contracts.Sweeps;

namespace SweepGrid.Client.Commands;

/// <summary>`sweepgrid status ID`: where a sweep stands.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var id = CommonOptions.SweepId();
        var cluster = CommonOptions.Cluster();
        var results = CommonOptions.Results();
        var json = CommonOptions.Json();
        var command = new Command("status", "Show a sweep's state and trial counts.") { id, cluster, results, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var sweepId = parse.GetValue(id)!;
            await using var session = await CommonOptions.OpenSweepAsync(sweepId, parse.GetValue(cluster), parse.GetValue(results), cancellation);
            var status = await session.Sweeps.StatusAsync(sweepId);
            Console.Out.WriteLine(parse.GetValue(json) ? CliJson.Write(status) : Describe(status));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static string Describe(SweepStatus s)
    {
        var took = s.LaunchedAt is { } launched ? $", launched {launched.ToLocalTime():yyyy-MM-dd HH:mm:ss}" +
            (s.FinishedAt is { } finished ? $", took {LiveView.Duration(finished - launched)}" : "") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{s.SweepId}  {s.Name}  {s.State.ToString().ToLowerInvariant()}: {s.Finished}/{s.Total} finished ({s.Completed} completed, {s.Diverged} diverged, {s.Failed} failed, {s.Cancelled} cancelled), {s.Running} running, {s.Pending} pending{took}");
    }
}
