namespace SweepGrid.Trainer.Runner;

/// <summary>One finished epoch. Validation figures are null when no validation split is held out.</summary>
public sealed record EpochReport(
    int Epoch,
    int TotalEpochs,
    double TrainLoss,
    double TrainAccuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double LearningRate,
    double DurationSeconds,
    double SamplesPerSecond);
