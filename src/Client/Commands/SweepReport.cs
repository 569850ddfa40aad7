using SweepGrid.Client.Cluster;
using SweepGrid.Client.Output;
using SweepGrid.Client.Results;

namespace SweepGrid.Client.Commands;

/// <summary>A finished (or stopped) sweep read back from the grains, ready to be written as files, text or JSON.</summary>
public sealed class SweepReport(SweepResults results)
{
    public SweepResults Results { get; } = results;

    public static async Task<SweepReport> CollectAsync(SweepClient sweeps, string sweepId)
    {
        var status = await sweeps.StatusAsync(sweepId);
        var spec = await sweeps.SpecAsync(sweepId);
        var trials = await sweeps.TrialsAsync(sweepId);
        var leaderboard = await sweeps.LeaderboardAsync(sweepId, int.MaxValue);
        return new SweepReport(new SweepResults(status, spec, trials, leaderboard));
    }

    /// <summary>Writes the results folder; returns a one-line account of it.</summary>
    public string WriteFolder(string folder)
    {
        var files = ResultsWriter.Write(folder, Results);
        var skipped = files.Skipped.Count == 0 ? "" : "; skipped " + string.Join("; ", files.Skipped.Select(s => $"{s.Name} ({s.Reason})"));
        return $"{string.Join(", ", files.Written.Select(Path.GetFileName))}{skipped}";
    }

    public string ToText(int top)
    {
        var status = Results.Status;
        var text = LeaderboardText.Table(status, Results.Leaderboard, top);
        if (TrialRanking.Best(Results) is { } best)
        {
            text += LeaderboardText.Best(best, status.Metric);
        }

        return text;
    }

    public string ToJson(string? folder)
    {
        var status = Results.Status;
        var best = TrialRanking.Best(Results);
        return CliJson.Write(new
        {
            Sweep = status,
            ResultsFolder = folder,
            Leaderboard = Results.Leaderboard,
            Best = best is null ? (System.Text.Json.JsonElement?)null : System.Text.Json.JsonDocument.Parse(ResultsJson.Best(best, status.Metric)).RootElement,
        });
    }
}
