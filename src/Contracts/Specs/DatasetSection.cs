namespace SweepGrid.Contracts.Specs;

/// <summary>Which data every trial of the sweep trains on and how it is prepared.</summary>
public sealed record DatasetSection
{
    /// <summary>fashion-mnist, cifar10, or any name when Path is given.</summary>
    public string Name { get; init; } = "fashion-mnist";

    /// <summary>Folder holding the dataset's files; null looks in the dataset's usual place.</summary>
    public string? Path { get; init; }

    /// <summary>Share of the training set held out for validation, in [0, 1).</summary>
    public double ValidationSplit { get; init; } = 0.1;

    /// <summary>minus_one_to_one or standardize.</summary>
    public string Normalization { get; init; } = "minus_one_to_one";

    public int? TrainLimit { get; init; }

    public int? TestLimit { get; init; }

    /// <summary>Seeds the validation split; shared by all trials so they are compared on the same images.</summary>
    public long SplitSeed { get; init; } = 42;
}
