namespace SweepGrid.Contracts.Specs;

/// <summary>How every trial trains; any field may be overridden by a parameter of the same name.</summary>
public sealed record TrainingSection
{
    public string Optimizer { get; init; } = "adam";

    /// <summary>null: the optimizer's own default (sgd 0.04, adam and rmsprop 0.001), as in the seed experiment.</summary>
    public double? LearningRate { get; init; }

    public double Momentum { get; init; }

    public bool Nesterov { get; init; }

    public double WeightDecay { get; init; }

    /// <summary>constant, step or cosine.</summary>
    public string LrSchedule { get; init; } = "constant";

    public int LrStepSize { get; init; } = 10;

    public double LrGamma { get; init; } = 0.1;

    public double MinLearningRate { get; init; }

    public int Epochs { get; init; } = 10;

    public int BatchSize { get; init; } = 128;

    public long Seed { get; init; } = 42;
}
