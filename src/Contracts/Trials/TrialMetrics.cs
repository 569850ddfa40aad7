namespace SweepGrid.Contracts.Trials;

/// <summary>A finished trial's figures: validation and test metrics, the test classification report and confusion matrix.</summary>
[GenerateSerializer]
[Immutable]
public sealed record TrialMetrics
{
    [Id(0)] public double? ValLoss { get; init; }

    [Id(1)] public double? ValAccuracy { get; init; }

    [Id(2)] public double? ValMacroF1 { get; init; }

    [Id(3)] public double? TestLoss { get; init; }

    [Id(4)] public double? TestAccuracy { get; init; }

    [Id(5)] public double? TestMacroF1 { get; init; }

    [Id(6)] public double SamplesPerSecond { get; init; }

    [Id(7)] public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>Test confusion matrix, rows the true class, columns the predicted one.</summary>
    [Id(8)] public IReadOnlyList<IReadOnlyList<long>> ConfusionMatrix { get; init; } = [];

    [Id(9)] public IReadOnlyList<ClassScore> ClassificationReport { get; init; } = [];

    /// <summary>The metrics a spec may rank trials by, in the order shown to a user who got one wrong.</summary>
    public static readonly IReadOnlyList<string> Names = ["val_accuracy", "val_loss", "val_macro_f1", "test_accuracy", "test_loss", "test_macro_f1"];

    /// <summary>The value of a metric by its spec name (val_accuracy, val_loss, …), null when the trial has none.</summary>
    public double? Value(string metric) => metric switch
    {
        "val_accuracy" => ValAccuracy,
        "val_loss" => ValLoss,
        "val_macro_f1" => ValMacroF1,
        "test_accuracy" => TestAccuracy,
        "test_loss" => TestLoss,
        "test_macro_f1" => TestMacroF1,
        _ => null,
    };
}
