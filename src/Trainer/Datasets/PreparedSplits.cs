namespace SweepGrid.Trainer.Datasets;

/// <summary>Training, validation and test parts as float features (N × F) and labels, normalized.</summary>
public sealed record PreparedSplits(
    string DatasetName,
    float[] TrainFeatures, long[] TrainLabels,
    float[] ValidationFeatures, long[] ValidationLabels,
    float[] TestFeatures, long[] TestLabels,
    int FeatureCount, IReadOnlyList<string> ClassNames)
{
    public int TrainCount => TrainLabels.Length;

    public int ValidationCount => ValidationLabels.Length;

    public int TestCount => TestLabels.Length;
}
