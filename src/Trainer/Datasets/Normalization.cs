namespace SweepGrid.Trainer.Datasets;

public enum Normalization
{
    /// <summary>Pixels scaled to [-1, 1]: x / 127.5 − 1.</summary>
    MinusOneToOne,

    /// <summary>Per channel, minus the training part's mean, over its standard deviation.</summary>
    Standardize,
}
