using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Checkpoints;

/// <summary>What a checkpoint holds besides the tensors: which trial, how far it got, and its history so far.</summary>
/// Features and Classes size the model, so its weights can be exported without the dataset.
public sealed record CheckpointState(string Fingerprint, int Epoch, IReadOnlyList<EpochReport> History, int Features = 0, int Classes = 0);
