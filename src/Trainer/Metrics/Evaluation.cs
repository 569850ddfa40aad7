namespace SweepGrid.Trainer.Metrics;

/// <summary>A model's loss and classification metrics on one part of the data (validation or test).</summary>
public sealed record Evaluation(double Loss, ConfusionMatrix ConfusionMatrix, ClassificationReport Report)
{
    public double Accuracy => Report.Accuracy;

    public double MacroF1 => Report.MacroF1;

    public static Evaluation From(double loss, IReadOnlyList<long> truth, IReadOnlyList<long> predicted, IReadOnlyList<string> classNames)
    {
        var matrix = ConfusionMatrix.From(truth, predicted, classNames.Count);
        return new Evaluation(loss, matrix, ClassificationReport.From(matrix, classNames));
    }
}
