namespace SweepGrid.Contracts.Trials;

/// <summary>One finished epoch of a trial, as the worker reports it.</summary>
[GenerateSerializer]
[Immutable]
public sealed record EpochMetrics(
    [property: Id(0)] int Epoch,
    [property: Id(1)] int TotalEpochs,
    [property: Id(2)] double TrainLoss,
    [property: Id(3)] double TrainAccuracy,
    [property: Id(4)] double? ValidationLoss,
    [property: Id(5)] double? ValidationAccuracy,
    [property: Id(6)] double LearningRate,
    [property: Id(7)] double DurationSeconds,
    [property: Id(8)] double SamplesPerSecond);
