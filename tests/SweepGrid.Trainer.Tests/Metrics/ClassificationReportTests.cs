using SweepGrid.Trainer.Metrics;

namespace SweepGrid.Trainer.Tests.Metrics;

public sealed class ClassificationReportTests
{
    // Worked by hand:            predicted
    //                 cat  dog  bird
    //   true cat        3    1    0      (4)
    //        dog        1    2    1      (4)
    //        bird       0    0    2      (2)
    private static readonly long[] Truth = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2];
    private static readonly long[] Predicted = [0, 0, 0, 1, 0, 1, 1, 2, 2, 2];
    private static readonly string[] Names = ["cat", "dog", "bird"];

    [Fact]
    public void Confusion_matrix_counts_true_rows_against_predicted_columns()
    {
        var matrix = ConfusionMatrix.From(Truth, Predicted, 3);
        Assert.Equal([3L, 1, 0], matrix.Counts[0]);
        Assert.Equal([1L, 2, 1], matrix.Counts[1]);
        Assert.Equal([0L, 0, 2], matrix.Counts[2]);
        Assert.Equal(7, matrix.Correct);
    }

    [Fact]
    public void Per_class_precision_recall_f1_and_support_match_the_hand_computation()
    {
        var report = ClassificationReport.From(ConfusionMatrix.From(Truth, Predicted, 3), Names);

        // cat: P = 3/4, R = 3/4, F1 = 3/4.  dog: P = 2/3, R = 2/4, F1 = 4/7.  bird: P = 2/3, R = 1, F1 = 4/5.
        AssertClass(report.Classes[0], "cat", 0.75, 0.75, 0.75, 4);
        AssertClass(report.Classes[1], "dog", 2.0 / 3, 0.5, 4.0 / 7, 4);
        AssertClass(report.Classes[2], "bird", 2.0 / 3, 1.0, 0.8, 2);
        Assert.Equal(0.7, report.Accuracy, 12);
        Assert.Equal((0.75 + 4.0 / 7 + 0.8) / 3, report.MacroF1, 12);
        Assert.Equal((0.75 + 2.0 / 3 + 2.0 / 3) / 3, report.MacroAverage.Precision, 12);
        Assert.Equal((0.75 * 4 + 4.0 / 7 * 4 + 0.8 * 2) / 10, report.WeightedAverage.F1, 12);
    }

    [Fact]
    public void A_class_never_predicted_and_never_present_scores_zero_instead_of_dividing_by_zero()
    {
        var report = ClassificationReport.From(ConfusionMatrix.From([0, 1], [0, 1], 3), ["a", "b", "c"]);
        AssertClass(report.Classes[2], "c", 0, 0, 0, 0);
        Assert.Equal(2.0 / 3, report.MacroF1, 12);
    }

    [Fact]
    public void Text_report_lists_every_class_and_the_averages()
    {
        var text = ClassificationReport.From(ConfusionMatrix.From(Truth, Predicted, 3), Names).ToText();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("dog") && l.Contains("0.6667") && l.Contains("0.5000") && l.Contains("0.5714") && l.TrimEnd().EndsWith('4'));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("accuracy") && l.Contains("0.7000") && l.TrimEnd().EndsWith("10"));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("macro avg"));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("weighted avg"));
    }

    private static void AssertClass(ClassMetrics metrics, string name, double precision, double recall, double f1, long support)
    {
        Assert.Equal(name, metrics.Name);
        Assert.Equal(precision, metrics.Precision, 12);
        Assert.Equal(recall, metrics.Recall, 12);
        Assert.Equal(f1, metrics.F1, 12);
        Assert.Equal(support, metrics.Support);
    }
}
