using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepGrid.Bench.TrainerThroughput;

/// <summary>
/// The baseline: the seed MLP written directly against TorchSharp the way a user would in a notebook,
/// with nn.Dropout, default init, Adam, a shuffled index per epoch, and the loss (optionally the accuracy)
/// summed on the device. No checkpoints, no callbacks, no cancellation.
/// </summary>
public sealed class HandWrittenLoop : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly optim.Optimizer _optimizer;
    private readonly Tensor _x;
    private readonly Tensor _y;
    private readonly int _batchSize;
    private readonly bool _countCorrect;

    public HandWrittenLoop(Tensor x, Tensor y, int batchSize, bool countCorrect, Device device)
    {
        _x = x;
        _y = y;
        _batchSize = batchSize;
        _countCorrect = countCorrect;
        _model = nn.Sequential(
            nn.Linear(x.shape[1], 128), nn.ReLU(), nn.BatchNorm1d(128), nn.Dropout(0.2),
            nn.Linear(128, 64), nn.GELU(),
            nn.Linear(64, 32), nn.Tanh(),
            nn.Linear(32, 10));
        _model.to(device);
        _optimizer = optim.Adam(_model.parameters(), 0.001);
    }

    /// <summary>One epoch; returns training samples per second.</summary>
    public double Epoch(int epoch)
    {
        _model.train();
        var clock = Stopwatch.StartNew();
        var count = _x.shape[0];
        using var order = randperm(count, device: _x.device);
        using var lossSum = zeros(1, ScalarType.Float64, _x.device);
        using var correct = zeros(1, ScalarType.Int64, _x.device);
        for (long start = 0; start < count; start += _batchSize)
        {
            using var scope = NewDisposeScope();
            var size = Math.Min(_batchSize, count - start);
            var index = order.narrow(0, start, size);
            var inputs = _x.index_select(0, index);
            var labels = _y.index_select(0, index);
            _optimizer.zero_grad();
            var logits = _model.forward(inputs);
            var loss = nn.functional.cross_entropy(logits, labels);
            loss.backward();
            _optimizer.step();
            using (no_grad())
            {
                lossSum.add_(loss.detach().to(ScalarType.Float64) * size);
                if (_countCorrect)
                {
                    correct.add_(logits.argmax(1).eq(labels).sum());
                }
            }
        }

        _ = lossSum.item<double>() + correct.item<long>();
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Test accuracy of the model as it stands.</summary>
    public double Accuracy(Tensor x, Tensor y)
    {
        _model.eval();
        using var _ = no_grad();
        using var predicted = _model.forward(x).argmax(1);
        return predicted.eq(y).to(ScalarType.Float64).mean().item<double>();
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
    }
}
