using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Checkpoints;

/// <summary>What a checkpoint holds besides the tensors: which trial, how far it got, and its history so far.</summary>
public sealed record CheckpointState(string Fingerprint, int Epoch, IReadOnlyList<EpochReport> History);
