namespace SweepGrid.Trainer.Datasets;

/// <summary>Which data a trial trains on and how it is prepared.</summary>
public sealed record DatasetOptions
{
    /// <summary>fashion-mnist, cifar10, or a folder path.</summary>
    public string Source { get; init; } = "fashion-mnist";

    /// <summary>Share of the training set held out for validation, in [0, 1).</summary>
    public double ValidationSplit { get; init; } = 0.1;

    public Normalization Normalization { get; init; } = Normalization.MinusOneToOne;

    /// <summary>Use only the first N training images (before the split); null uses them all.</summary>
    public int? TrainLimit { get; init; }

    /// <summary>Use only the first N test images; null uses them all.</summary>
    public int? TestLimit { get; init; }
}
