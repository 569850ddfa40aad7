using System.Globalization;
using System.Text;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Results;

/// <summary>best-report.txt and an export's report.txt: the trial, its configuration and metrics, the test
/// classification report laid out like scikit-learn's, and the confusion matrix with class names.</summary>
public static class BestReportText
{
    public static string For(TrialSnapshot best, string? metric = null)
    {
        ArgumentNullException.ThrowIfNull(best);
        var text = new StringBuilder();
        text.AppendLine(Invariant($"trial {best.TrialId} of sweep {best.SweepId} ({best.Status.ToString().ToLowerInvariant()}, attempt {best.Attempt})"));
        if (metric is not null && best.Metrics?.Value(metric) is { } value)
        {
            text.AppendLine(Invariant($"ranked by {metric}: {value:F4}"));
        }

        if (best.Silo is not null || best.Device is not null)
        {
            text.AppendLine($"ran on: {best.Silo ?? "?"} ({best.Device ?? "?"})");
        }

        if (ResultsJson.DurationSeconds(best) is { } seconds)
        {
            text.AppendLine(Invariant($"duration: {seconds:F1} s over {best.History.Count} epochs"));
        }

        if (best.Config is { } config)
        {
            text.AppendLine();
            text.AppendLine("configuration:");
            foreach (var field in ConfigFields.All)
            {
                var shown = field.Text(config);
                if (shown.Length > 0)
                {
                    text.AppendLine($"  {field.Name,-24}{shown}");
                }
            }
        }

        if (best.Metrics is not { } metrics)
        {
            text.AppendLine();
            text.AppendLine("no metrics: the trial did not complete");
            return text.ToString();
        }

        text.AppendLine();
        text.AppendLine(Invariant($"validation: loss {Show(metrics.ValLoss)}  accuracy {Show(metrics.ValAccuracy)}  macro-F1 {Show(metrics.ValMacroF1)}"));
        text.AppendLine(Invariant($"test:       loss {Show(metrics.TestLoss)}  accuracy {Show(metrics.TestAccuracy)}  macro-F1 {Show(metrics.TestMacroF1)}"));
        text.AppendLine(Invariant($"training throughput: {metrics.SamplesPerSecond:N0} samples/s"));
        if (metrics.ClassificationReport.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("classification report (test):");
            text.Append(Report(metrics));
        }

        if (metrics.ConfusionMatrix.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("confusion matrix (test; rows: true class, columns: predicted class, numbered as the rows):");
            text.Append(Matrix(metrics.ConfusionMatrix, metrics.ClassNames));
        }

        return text.ToString();
    }

    private static string Report(TrialMetrics metrics)
    {
        var rows = metrics.ClassificationReport;
        var width = Math.Max(12, rows.Max(r => r.Name.Length)) + 2;
        var total = rows.Sum(r => r.Support);
        var text = new StringBuilder();
        text.AppendLine(new string(' ', width) + $"{"precision",10}{"recall",10}{"f1-score",10}{"support",10}");
        text.AppendLine();
        foreach (var row in rows)
        {
            text.AppendLine(Line(row.Name, row.Precision, row.Recall, row.F1, row.Support, width));
        }

        text.AppendLine();
        if (metrics.TestAccuracy is { } accuracy)
        {
            text.AppendLine(Invariant($"{"accuracy".PadLeft(width)}{"",10}{"",10}{accuracy,10:F4}{total,10}"));
        }

        text.AppendLine(Line("macro avg", rows.Average(r => r.Precision), rows.Average(r => r.Recall), rows.Average(r => r.F1), total, width));
        if (total > 0)
        {
            double Weighted(Func<ClassScore, double> value) => rows.Sum(r => value(r) * r.Support) / total;
            text.AppendLine(Line("weighted avg", Weighted(r => r.Precision), Weighted(r => r.Recall), Weighted(r => r.F1), total, width));
        }

        return text.ToString();
    }

    private static string Line(string name, double precision, double recall, double f1, long support, int width) =>
        Invariant($"{name.PadLeft(width)}{precision,10:F4}{recall,10:F4}{f1,10:F4}{support,10}");

    private static string Matrix(IReadOnlyList<IReadOnlyList<long>> counts, IReadOnlyList<string> names)
    {
        string Name(int i) => i < names.Count ? names[i] : "";
        var labelWidth = Enumerable.Range(0, counts.Count).Max(i => Invariant($"{i} {Name(i)}").Length) + 2;
        var cell = Math.Max(6, counts.SelectMany(r => r).DefaultIfEmpty(0).Max().ToString(CultureInfo.InvariantCulture).Length + 2);
        var text = new StringBuilder();
        text.Append(' ', labelWidth);
        for (var c = 0; c < counts.Count; c++)
        {
            text.Append(c.ToString(CultureInfo.InvariantCulture).PadLeft(cell));
        }

        text.AppendLine();
        for (var r = 0; r < counts.Count; r++)
        {
            text.Append(Invariant($"{r} {Name(r)}").PadRight(labelWidth));
            foreach (var count in counts[r])
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture).PadLeft(cell));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static string Show(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "n/a";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
