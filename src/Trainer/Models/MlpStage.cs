using TorchSharp;
using static TorchSharp.torch;

namespace SweepGrid.Trainer.Models;

/// <summary>One Linear of an <see cref="MlpClassifier"/> and the modules applied after it, before the next Linear.</summary>
internal sealed record MlpStage(TorchSharp.Modules.Linear Dense, IReadOnlyList<nn.Module<Tensor, Tensor>> After);
