using System.Globalization;
using System.Text;
using SweepGrid.Client.Results;
using SweepGrid.Contracts.Leaderboards;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Output;

/// <summary>The leaderboard and the best configuration as a person reads them in a terminal.</summary>
public static class LeaderboardText
{
    public static string Table(SweepStatus status, IReadOnlyList<LeaderboardEntry> entries, int top)
    {
        var varying = ConfigFields.Varying(entries.Select(e => e.Config));
        var text = new StringBuilder();
        text.AppendLine(Invariant($"leaderboard of {status.Name} ({status.SweepId}) by {status.Metric} ({(status.Maximize ? "higher" : "lower")} is better): {status.Completed} completed, {(status.Pruned > 0 ? $"{status.Pruned} pruned, " : "")}{status.Diverged} diverged, {status.Failed} failed, {status.Cancelled} cancelled, {status.Pending + status.Running} to go"));
        if (entries.Count == 0)
        {
            text.AppendLine("no trial has completed yet");
            return text.ToString();
        }

        var labels = entries.Take(top).Select(e => ConfigFields.Label(e.Config, varying) is { Length: > 0 } l ? l : e.Config.Optimizer).ToList();
        var width = Math.Clamp(labels.Max(l => l.Length), 13, 48);
        // The sweep's metric first, then the usual figures that are not that metric.
        var columns = new[] { status.Metric }.Concat(new[] { "val_accuracy", "test_accuracy", "test_macro_f1" }.Where(c => c != status.Metric)).ToList();
        var heads = string.Concat(columns.Select(c => $"  {c.ToUpperInvariant(),13}"));
        text.AppendLine(Invariant($"{"#",3}  {"TRIAL",-8}  {"CONFIGURATION".PadRight(width)}{heads}  {"SAMPLES/S",10}  ATTEMPT"));
        foreach (var (entry, i) in entries.Take(top).Select((e, i) => (e, i)))
        {
            var values = string.Concat(columns.Select(c => $"  {N(entry.Metrics.Value(c)),13}"));
            // A pruned trial ranks by its last epoch's value and has no test figures; the table says so.
            var speed = entry.Pruned ? "-" : entry.Metrics.SamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture);
            text.AppendLine(Invariant($"{i + 1,3}  {LiveView.Short(entry.TrialId),-8}  {labels[i].PadRight(width)}{values}  {speed,10}  {entry.Attempt}{(entry.Pruned ? " (pruned)" : "")}"));
        }

        // The caller may have fetched only the top entries; the sweep's count tells how many more there are.
        var more = Math.Max(entries.Count, status.Completed + status.Pruned) - Math.Min(top, entries.Count);
        if (more > 0)
        {
            text.AppendLine(Invariant($"… {more} more (--top N shows more)"));
        }

        return text.ToString();
    }

    public static string Best(TrialSnapshot best, string metric)
    {
        var config = best.Config!;
        var m = best.Metrics!;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"best configuration: trial {best.TrialId} (attempt {best.Attempt})"));
        // Every field, so the configuration can be reproduced as printed; wrapped to a readable width.
        var line = new StringBuilder("  ");
        foreach (var pair in ConfigFields.All.Where(f => f.Text(config).Length > 0).Select(f => $"{f.Name}={f.Text(config)}"))
        {
            if (line.Length > 2 && line.Length + pair.Length > 100)
            {
                text.AppendLine(line.ToString().TrimEnd());
                line.Clear().Append("  ");
            }

            line.Append(pair).Append("  ");
        }

        text.AppendLine(line.ToString().TrimEnd());
        var others = new[] { "val_accuracy", "val_macro_f1", "test_accuracy", "test_macro_f1", "test_loss" }.Where(c => c != metric);
        text.AppendLine(Invariant($"  {metric} {N(m.Value(metric))}  ") + string.Join("  ", others.Select(c => Invariant($"{c} {N(m.Value(c))}"))) + Invariant($"  {m.SamplesPerSecond:N0} samples/s"));
        return text.ToString();
    }

    private static string N(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
