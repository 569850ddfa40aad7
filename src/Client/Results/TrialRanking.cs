using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Results;

/// <summary>Which trials count as results, best first, the same way for every file and plot.</summary>
public static class TrialRanking
{
    /// <summary>
    /// Completed trials with metrics, best first: the leaderboard's order, then any completed trial the leaderboard
    /// does not hold (it keeps only the top k) ranked by the sweep's metric; trials without a value for it come last.
    /// </summary>
    public static IReadOnlyList<TrialSnapshot> Completed(SweepResults results)
    {
        var byId = new Dictionary<string, TrialSnapshot>(StringComparer.Ordinal);
        foreach (var trial in results.Trials)
        {
            byId.TryAdd(trial.TrialId, trial);
        }

        var ranked = new List<TrialSnapshot>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in results.Leaderboard)
        {
            if (!seen.Add(entry.TrialId))
            {
                continue;
            }

            // The leaderboard is authoritative for its entries; a snapshot adds history, silo and times when it is there.
            if (byId.TryGetValue(entry.TrialId, out var snapshot) && snapshot.Metrics is not null)
            {
                ranked.Add(snapshot);
                continue;
            }

            var known = snapshot ?? new TrialSnapshot
            {
                SweepId = results.Status.SweepId,
                TrialId = entry.TrialId,
                Status = entry.Pruned ? TrialStatus.Pruned : TrialStatus.Completed,
            };
            ranked.Add(known with { Config = entry.Config, Metrics = entry.Metrics, Attempt = entry.Attempt });
        }

        var metric = results.Status.Metric;
        var rest = results.Trials
            .Where(t => t.Status is TrialStatus.Completed or TrialStatus.Pruned && t.Metrics is not null && t.Config is not null && !seen.Contains(t.TrialId))
            .DistinctBy(t => t.TrialId)
            // Pruned trials (stopped early, at their last epoch's value) after every completed one.
            .OrderBy(t => t.Status == TrialStatus.Pruned ? 1 : 0)
            .ThenBy(t => t.Metrics!.Value(metric) is null ? 1 : 0)
            .ThenBy(t => Sortable(t.Metrics!.Value(metric), results.Status.Maximize))
            .ThenBy(t => t.TrialId, StringComparer.Ordinal);
        ranked.AddRange(rest);
        return ranked;
    }

    public static TrialSnapshot? Best(SweepResults results) => Completed(results).FirstOrDefault();

    private static double Sortable(double? value, bool maximize) => value is not { } v || double.IsNaN(v) ? double.MaxValue : maximize ? -v : v;
}
