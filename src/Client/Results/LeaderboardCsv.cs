using System.Globalization;
using System.Text;
using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Results;

/// <summary>
/// leaderboard.csv: one row per ranked trial, best first. Columns: rank, trial_id, the sweep's metric, every configuration
/// field the sweep varies, then val/test accuracy and macro-F1, samples_per_second, attempt, status (completed, or pruned:
/// stopped early, ranked after every completed trial by its last epoch's value) (the metric's own column is not repeated). RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted; numbers in invariant culture.
/// </summary>
public static class LeaderboardCsv
{
    private static readonly (string Name, Func<TrialMetrics, double?> Value)[] MetricColumns =
    [
        ("val_accuracy", m => m.ValAccuracy),
        ("val_macro_f1", m => m.ValMacroF1),
        ("test_accuracy", m => m.TestAccuracy),
        ("test_macro_f1", m => m.TestMacroF1),
        ("samples_per_second", m => m.SamplesPerSecond),
    ];

    public static string Write(IReadOnlyList<TrialSnapshot> ranked, IReadOnlyList<ConfigField> varying, string metric)
    {
        var metricColumns = MetricColumns.Where(c => c.Name != metric).ToList();
        var text = new StringBuilder();
        Row(text, ["rank", "trial_id", metric, .. varying.Select(f => f.Name), .. metricColumns.Select(c => c.Name), "attempt", "status"]);
        for (var i = 0; i < ranked.Count; i++)
        {
            var trial = ranked[i];
            var metrics = trial.Metrics ?? new TrialMetrics();
            Row(text,
            [
                (i + 1).ToString(CultureInfo.InvariantCulture),
                trial.TrialId,
                Number(metrics.Value(metric)),
                .. varying.Select(f => trial.Config is null ? "" : f.Text(trial.Config)),
                .. metricColumns.Select(c => Number(c.Value(metrics))),
                trial.Attempt.ToString(CultureInfo.InvariantCulture),
                trial.Status == TrialStatus.Pruned ? "pruned" : "completed",
            ]);
        }

        return text.ToString();
    }

    public static string Field(string value)
    {
        if (value.IndexOfAny([',', '"', '\r', '\n']) < 0)
        {
            return value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static void Row(StringBuilder text, IEnumerable<string> fields) =>
        text.Append(string.Join(",", fields.Select(Field))).Append("\r\n");

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
