using SweepGrid.Contracts.Configuration;

namespace SweepGrid.Contracts.Trials;

/// <summary>
/// Everything one trial trains with, fully resolved: no defaults left to look up elsewhere. Where the trial runs (device,
/// threads, checkpoint folder) is not part of it. Each property is a field of <see cref="ConfigCatalog"/>, which defines its
/// name, domain, default and help; here it only gets its place on the wire.
/// </summary>
[GenerateSerializer]
[Immutable] // Contract records are never mutated after creation, so Orleans passes them between local grains without copying.
public sealed record TrialConfig
{
    [Id(0)] public string DatasetName { get; init; } = ConfigCatalog.Dataset.Default!.Text;

    [Id(1)] public string? DatasetPath { get; init; }

    [Id(2)] public double ValidationSplit { get; init; } = ConfigCatalog.ValidationSplit.Default!.Real;

    [Id(3)] public string Normalization { get; init; } = ConfigCatalog.Normalization.Default!.Choice;

    [Id(4)] public int? TrainLimit { get; init; }

    [Id(5)] public int? TestLimit { get; init; }

    [Id(6)] public long SplitSeed { get; init; } = ConfigCatalog.SplitSeed.Default!.Integer;

    [Id(7)] public IReadOnlyList<int> Hidden { get; init; } = ConfigCatalog.Hidden.Default!.Sizes;

    [Id(8)] public IReadOnlyList<string> Activations { get; init; } = ConfigCatalog.ActivationsField.Default!.Names;

    [Id(9)] public bool BatchNorm { get; init; } = ConfigCatalog.BatchNorm.Default!.Flag;

    [Id(10)] public double Dropout { get; init; } = ConfigCatalog.Dropout.Default!.Real;

    [Id(11)] public bool RegularizeEveryLayer { get; init; } = ConfigCatalog.RegularizeEveryLayer.Default!.Flag;

    [Id(12)] public string Optimizer { get; init; } = ConfigCatalog.Optimizer.Default!.Choice;

    [Id(13)] public double LearningRate { get; init; } = ConfigCatalog.LearningRate.Default!.Real;

    [Id(14)] public double Momentum { get; init; } = ConfigCatalog.Momentum.Default!.Real;

    [Id(15)] public bool Nesterov { get; init; } = ConfigCatalog.Nesterov.Default!.Flag;

    [Id(16)] public double WeightDecay { get; init; } = ConfigCatalog.WeightDecay.Default!.Real;

    [Id(17)] public string LrSchedule { get; init; } = ConfigCatalog.LrSchedule.Default!.Choice;

    [Id(18)] public int LrStepSize { get; init; } = (int)ConfigCatalog.LrStepSize.Default!.Integer;

    [Id(19)] public double LrGamma { get; init; } = ConfigCatalog.LrGamma.Default!.Real;

    [Id(20)] public double MinLearningRate { get; init; } = ConfigCatalog.MinLearningRate.Default!.Real;

    [Id(21)] public int Epochs { get; init; } = (int)ConfigCatalog.Epochs.Default!.Integer;

    [Id(22)] public int BatchSize { get; init; } = (int)ConfigCatalog.BatchSize.Default!.Integer;

    [Id(23)] public long Seed { get; init; } = ConfigCatalog.Seed.Default!.Integer;

    [Id(24)] public double Beta1 { get; init; } = ConfigCatalog.Beta1.Default!.Real;

    [Id(25)] public double Beta2 { get; init; } = ConfigCatalog.Beta2.Default!.Real;

    [Id(26)] public double Eps { get; init; } = ConfigCatalog.Eps.Default!.Real;

    [Id(27)] public double LabelSmoothing { get; init; } = ConfigCatalog.LabelSmoothing.Default!.Real;

    /// <summary>The text a trial id is hashed from (<see cref="ConfigCatalog.CanonicalText"/>).</summary>
    public string ToCanonicalText() => ConfigCatalog.CanonicalText(this);

    // Lists compare by content, so two configurations are equal exactly when their trial ids are.
    public bool Equals(TrialConfig? other) => other is not null && ToCanonicalText() == other.ToCanonicalText();

    public override int GetHashCode() => ToCanonicalText().GetHashCode(StringComparison.Ordinal);
}
