using System.CommandLine;
using SweepGrid.Client.Output;

namespace SweepGrid.Client.Commands;

/// <summary>`sweepgrid watch ID`: a live table of the sweep's trials until it finishes; reconnects after a dropped connection.</summary>
public static class WatchCommand
{
    public static Command Create()
    {
        var id = CommonOptions.SweepId();
        var cluster = CommonOptions.Cluster();
        var results = CommonOptions.Results();
        var json = new Option<bool>("--json") { Description = "Print every event as one JSON object per line." };
        var command = new Command("watch", "Follow a sweep live: trials, epochs, loss, validation accuracy, silo and device, ETA.") { id, cluster, results, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var sweepId = parse.GetValue(id)!;
            await using var session = await CommonOptions.OpenSweepAsync(sweepId, parse.GetValue(cluster), parse.GetValue(results), cancellation);
            var asJson = parse.GetValue(json);
            var progress = asJson ? Console.Error : Console.Out;
            var live = new LiveView(progress, !asJson && LiveView.IsTerminal(progress));
            var view = await SweepWatcher.FollowAsync(session.Sweeps, sweepId, live, asJson ? Console.Out.WriteLine : null, cancellation);
            if (!asJson && view.Finished && view.Status is { } status)
            {
                var top = await session.Sweeps.LeaderboardAsync(sweepId, 5);
                Console.Out.Write(LeaderboardText.Table(status, top, 5));
            }

            return ExitCodeOf(view);
        });
        return command;
    }

    /// <summary>0 when the sweep finished with completed trials and none failed; 1 when it finished otherwise; 130 when watching stopped first.</summary>
    public static int ExitCodeOf(SweepView view) => view.Status switch
    {
        null => ExitCodes.Interrupted,
        _ when !view.Finished => ExitCodes.Interrupted,
        { Completed: > 0, Failed: 0 } => ExitCodes.Ok,
        _ => ExitCodes.Failure,
    };
}
