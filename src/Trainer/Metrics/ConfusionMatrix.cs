namespace SweepGrid.Trainer.Metrics;

/// <summary>Counts[true class][predicted class].</summary>
public sealed record ConfusionMatrix(IReadOnlyList<IReadOnlyList<long>> Counts)
{
    public int ClassCount => Counts.Count;

    public long Total => Counts.Sum(row => row.Sum());

    public long Correct => Enumerable.Range(0, ClassCount).Sum(i => Counts[i][i]);

    public static ConfusionMatrix From(IReadOnlyList<long> truth, IReadOnlyList<long> predicted, int classCount)
    {
        if (truth.Count != predicted.Count)
        {
            throw new ArgumentException($"{truth.Count} labels but {predicted.Count} predictions");
        }

        var counts = new long[classCount][];
        for (var i = 0; i < classCount; i++)
        {
            counts[i] = new long[classCount];
        }

        for (var i = 0; i < truth.Count; i++)
        {
            counts[truth[i]][predicted[i]]++;
        }

        return new ConfusionMatrix(counts);
    }

    public long Row(int trueClass) => Counts[trueClass].Sum();

    public long Column(int predictedClass) => Counts.Sum(row => row[predictedClass]);
}
