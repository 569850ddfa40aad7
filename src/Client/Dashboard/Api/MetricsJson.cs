using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Dashboard.Api;

/// <summary>A finished trial's figures with its test classification report and confusion matrix (rows the true class).</summary>
public sealed record MetricsJson(
    double? ValLoss,
    double? ValAccuracy,
    double? ValMacroF1,
    double? TestLoss,
    double? TestAccuracy,
    double? TestMacroF1,
    double SamplesPerSecond,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<IReadOnlyList<long>> ConfusionMatrix,
    IReadOnlyList<ClassRowJson> ClassificationReport)
{
    public static MetricsJson From(TrialMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new MetricsJson(metrics.ValLoss, metrics.ValAccuracy, metrics.ValMacroF1, metrics.TestLoss, metrics.TestAccuracy, metrics.TestMacroF1,
            metrics.SamplesPerSecond, metrics.ClassNames, metrics.ConfusionMatrix,
            [.. metrics.ClassificationReport.Select(c => new ClassRowJson(c.Name, c.Precision, c.Recall, c.F1, c.Support))]);
    }
}
