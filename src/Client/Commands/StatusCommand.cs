using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SweepGrid.Client.Local;
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
            // A sweep run here whose process died still reads as running from its SQLite file.
            var interrupted = status.State == SweepState.Running && CommonOptions.TargetOf(parse.GetValue(cluster)) is null
                ? LocalSweeps.FromOption(parse.GetValue(results)).Interrupted(sweepId)
                : null;
            if (interrupted is not null)
            {
                Console.Out.WriteLine(parse.GetValue(json) ? Json(interrupted.Apply(status), interrupted) : Describe(interrupted.Apply(status), interrupted.Described));
                return ExitCodes.Ok;
            }

            Console.Out.WriteLine(parse.GetValue(json) ? CliJson.Write(status) : Describe(status));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static string Describe(SweepStatus s) => Describe(s, s.State.ToString().ToLowerInvariant());

    private static string Describe(SweepStatus s, string state)
    {
        var took = s.LaunchedAt is { } launched ? $", launched {launched.ToLocalTime():yyyy-MM-dd HH:mm:ss}" +
            (s.FinishedAt is { } finished ? $", took {LiveView.Duration(finished - launched)}" : "") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{s.SweepId}  {s.Name}  {state}: {s.Finished}/{s.Total} finished ({s.Completed} completed, {(s.Pruned > 0 ? $"{s.Pruned} pruned, " : "")}{s.Diverged} diverged, {s.Failed} failed, {s.Cancelled} cancelled), {s.Running} running, {(s.Paused > 0 ? $"{s.Paused} paused, " : "")}{s.Pending} pending{took}");
    }

    /// <summary>The status object with state "interrupted" and why, for scripts.</summary>
    private static string Json(SweepStatus status, InterruptedRun interrupted)
    {
        var node = JsonSerializer.SerializeToNode(status, CliJson.Indented)!.AsObject();
        node["state"] = InterruptedRun.State;
        node["interrupted"] = interrupted.Reason;
        return node.ToJsonString(CliJson.Indented);
    }
}
