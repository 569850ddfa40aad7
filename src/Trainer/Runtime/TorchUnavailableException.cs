namespace SweepGrid.Trainer.Runtime;

/// <summary>libtorch could not be loaded; the message is one readable paragraph saying why and what to do.</summary>
public sealed class TorchUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
