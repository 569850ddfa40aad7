using System.Globalization;
using System.Text;

namespace SweepGrid.Trainer.Metrics;

/// <summary>Per-class precision, recall, F1 and support, with accuracy and macro / weighted averages.
/// A ratio with a zero denominator counts as 0.</summary>
public sealed record ClassificationReport(
    IReadOnlyList<ClassMetrics> Classes,
    double Accuracy,
    ClassMetrics MacroAverage,
    ClassMetrics WeightedAverage)
{
    public static ClassificationReport From(ConfusionMatrix matrix, IReadOnlyList<string> classNames)
    {
        var classes = new List<ClassMetrics>(matrix.ClassCount);
        for (var c = 0; c < matrix.ClassCount; c++)
        {
            var truePositives = matrix.Counts[c][c];
            var precision = Ratio(truePositives, matrix.Column(c));
            var recall = Ratio(truePositives, matrix.Row(c));
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            classes.Add(new ClassMetrics(classNames[c], precision, recall, f1, matrix.Row(c)));
        }

        var total = matrix.Total;
        var macro = new ClassMetrics("macro avg",
            classes.Average(c => c.Precision), classes.Average(c => c.Recall), classes.Average(c => c.F1), total);
        var weighted = new ClassMetrics("weighted avg",
            Weighted(classes, c => c.Precision, total), Weighted(classes, c => c.Recall, total), Weighted(classes, c => c.F1, total), total);
        return new ClassificationReport(classes, Ratio(matrix.Correct, total), macro, weighted);
    }

    public double MacroF1 => MacroAverage.F1;

    /// <summary>The familiar text table: one row per class, then accuracy and the averages.</summary>
    public string ToText(int digits = 4)
    {
        var width = Math.Max(12, Classes.Max(c => c.Name.Length) + 2);
        var format = "F" + digits.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.Append(' ', width).AppendLine("   precision      recall    f1-score     support");
        text.AppendLine();
        foreach (var c in Classes)
        {
            AppendRow(text, c, width, format);
        }

        text.AppendLine();
        text.Append("accuracy".PadLeft(width)).Append(' ', 24)
            .Append(Accuracy.ToString(format, CultureInfo.InvariantCulture).PadLeft(12))
            .AppendLine(MacroAverage.Support.ToString(CultureInfo.InvariantCulture).PadLeft(12));
        AppendRow(text, MacroAverage, width, format);
        AppendRow(text, WeightedAverage, width, format);
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, ClassMetrics c, int width, string format) =>
        text.Append(c.Name.PadLeft(width))
            .Append(c.Precision.ToString(format, CultureInfo.InvariantCulture).PadLeft(12))
            .Append(c.Recall.ToString(format, CultureInfo.InvariantCulture).PadLeft(12))
            .Append(c.F1.ToString(format, CultureInfo.InvariantCulture).PadLeft(12))
            .AppendLine(c.Support.ToString(CultureInfo.InvariantCulture).PadLeft(12));

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private static double Weighted(IReadOnlyList<ClassMetrics> classes, Func<ClassMetrics, double> value, long total) =>
        total == 0 ? 0 : classes.Sum(c => value(c) * c.Support) / total;
}
