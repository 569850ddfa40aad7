namespace SweepGrid.Contracts.Specs;

/// <summary>The model every trial starts from; any field may be overridden by a parameter of the same name.</summary>
public sealed record ModelSection
{
    public IReadOnlyList<int> Hidden { get; init; } = [128, 64, 32];

    /// <summary>One per hidden layer, or one for all of them.</summary>
    public IReadOnlyList<string> Activations { get; init; } = ["relu", "gelu", "tanh"];

    public bool BatchNorm { get; init; } = true;

    public double Dropout { get; init; } = 0.2;

    public bool RegularizeEveryLayer { get; init; }
}
