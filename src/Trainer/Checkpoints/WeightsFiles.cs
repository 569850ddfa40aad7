namespace SweepGrid.Trainer.Checkpoints;

/// <summary>Where <see cref="CheckpointFile.ExportWeights"/> writes a model's weights: in TorchSharp's module format, and
/// under the equivalent <c>torch.nn.Sequential</c>'s names as PyTorch's <c>torch.save</c> format and as safetensors.</summary>
public sealed record WeightsFiles(string TorchSharp, string StateDict, string Safetensors);
