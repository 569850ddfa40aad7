namespace SweepGrid.Cli.Tests.Dashboard;

/// <summary>A sweepgrid process serving the dashboard (`dashboard`, or `run --dashboard`), and the URL it printed.</summary>
public static class DashboardProcess
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>The environment that makes `run` train with the fake trainer, each epoch taking <paramref name="epoch"/>.</summary>
    public static Dictionary<string, string> FakeTrainer(TimeSpan epoch) => new()
    {
        ["SWEEPGRID_Workers__Executor"] = "fake",
        ["SWEEPGRID_FakeExecutor__EpochDuration"] = epoch.ToString("c"),
    };

    /// <summary>Starts the program and waits for its "dashboard: URL" line; returns the URL's origin (http://127.0.0.1:PORT).</summary>
    public static async Task<(RunningProcess Process, Uri Origin)> StartAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = RunningProcess.Start("sweepgrid.dll", arguments, environment);
        try
        {
            var line = await process.WaitForLineAsync(l => l.StartsWith("dashboard: http", StringComparison.Ordinal), Patience);
            var url = new Uri(line["dashboard: ".Length..].Split(' ')[0]);
            return (process, new Uri(url.GetLeftPart(UriPartial.Authority)));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }
}
