namespace SweepGrid.Trainer.Datasets;

/// <summary>A dataset as read from disk: the training and test parts and the names of its classes.</summary>
public sealed record DatasetFiles(string Name, LabeledImages Train, LabeledImages Test, IReadOnlyList<string> ClassNames)
{
    public int ClassCount => ClassNames.Count;
}
