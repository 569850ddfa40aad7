using System.Diagnostics;
using SweepGrid.Trainer.Checkpoints;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Metrics;
using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepGrid.Trainer.Runner;

/// <summary>
/// Trains one trial synchronously on the calling thread (TorchSharp dispose scopes are per thread):
/// checkpoint every epoch, resume from the last one, cancellation checked every batch, NaN/Inf loss → Diverged.
/// </summary>
public static class TrialRunner
{
    private const ulong EpochOrderPurpose = 2;
    private const ulong DropoutPurpose = 3;
    private const int EvaluationBatch = 2048;

    // How often (in batches) the running loss is read back to notice divergence early; a read forces a device sync.
    private const int DivergenceCheckInterval = 50;

    public static TrialResult Run(TrialSpec spec, Func<EpochReport, EpochDirective>? onEpoch = null, CancellationToken cancellation = default)
    {
        // Checked before the data is read, so a bad setting costs no loading time.
        spec.Validate();
        var files = DatasetResolver.Resolve(spec.Dataset.Source).Load();
        var data = DatasetPreparer.Prepare(files, spec.Dataset, spec.SplitSeed);
        return RunValidated(spec, data, onEpoch, cancellation);
    }

    public static TrialResult Run(TrialSpec spec, PreparedSplits data, Func<EpochReport, EpochDirective>? onEpoch = null, CancellationToken cancellation = default)
    {
        spec.Validate();
        return RunValidated(spec, data, onEpoch, cancellation);
    }

    private static TrialResult RunValidated(TrialSpec spec, PreparedSplits data, Func<EpochReport, EpochDirective>? onEpoch, CancellationToken cancellation)
    {
        TorchRuntime.EnsureAvailable();
        var device = DeviceSpec.Parse(spec.Device).Open();
        torch.set_num_threads(spec.Threads);
        var started = Stopwatch.StartNew();

        using var scope = NewDisposeScope();
        using var initGenerator = new Generator(unchecked((ulong)spec.Seed), CPU);
        // TorchSharp 0.107 crashes (SIGSEGV) creating a generator on cuda, so on a GPU the masks are drawn on the CPU
        // from the trial's CPU generator and copied over: reproducible per trial still, at the cost of one small copy per batch.
        var dropoutOn = device.type == DeviceType.CPU ? device : CPU;
        using var dropoutGenerator = new Generator(SeededShuffle.Derive(spec.Seed, DropoutPurpose), dropoutOn);
        using var model = new MlpClassifier(spec.Model, data.FeatureCount, data.ClassNames.Count, initGenerator, dropoutGenerator, dropoutOn);
        model.to(device);
        using var optimizer = OptimizerFactory.Create(spec.Optimizer, model.parameters());

        var history = new List<EpochReport>();
        var resumedFrom = 0;
        var fingerprint = spec.Fingerprint();
        if (spec.CheckpointDirectory is { } checkpoints && CheckpointFile.ReadState(checkpoints) is { } saved)
        {
            if (saved.Fingerprint != fingerprint)
            {
                throw new TrainingConfigException("checkpoint", CheckpointFile.PathIn(checkpoints),
                    "it belongs to a trial with another configuration: give this trial its own checkpoint folder, or delete the file to start over");
            }

            var state = CheckpointFile.Load(checkpoints, model, optimizer, dropoutGenerator);
            history.AddRange(state.History);
            resumedFrom = state.Epoch;
        }

        using var trainX = tensor(data.TrainFeatures, [data.TrainCount, data.FeatureCount], device: device);
        using var trainY = tensor(data.TrainLabels, [data.TrainCount], device: device);
        using var validationX = tensor(data.ValidationFeatures, [data.ValidationCount, data.FeatureCount], device: device);
        using var validationY = tensor(data.ValidationLabels, [data.ValidationCount], device: device);

        var trainedSamples = 0L;
        var trainingSeconds = 0.0;
        Evaluation? validation = null;
        for (var epoch = resumedFrom + 1; epoch <= spec.Epochs; epoch++)
        {
            var learningRate = spec.Optimizer.LearningRateAt(epoch, spec.Epochs);
            OptimizerFactory.SetLearningRate(optimizer, learningRate);
            var order = SeededShuffle.Permutation(data.TrainCount, SeededShuffle.Derive(spec.Seed, EpochOrderPurpose, epoch));
            var pass = TrainEpoch(model, optimizer, trainX, trainY, order, spec, device, cancellation);
            if (pass is null)
            {
                return Finish(TrialOutcome.Interrupted, "cancelled mid-epoch", history, resumedFrom, validation, null);
            }

            trainedSamples += pass.Value.Samples;
            trainingSeconds += pass.Value.Seconds;
            var report = new EpochReport(epoch, spec.Epochs, pass.Value.Loss, pass.Value.Accuracy, null, null, learningRate,
                pass.Value.Seconds, pass.Value.Samples / Math.Max(pass.Value.Seconds, 1e-9));
            if (!double.IsFinite(pass.Value.Loss))
            {
                history.Add(report);
                return Finish(TrialOutcome.Diverged, $"training loss became {pass.Value.Loss} in epoch {epoch}", history, resumedFrom, null, null);
            }

            if (data.ValidationCount > 0)
            {
                validation = Evaluate(model, validationX, validationY, data.ClassNames);
                report = report with { ValidationLoss = validation.Loss, ValidationAccuracy = validation.Accuracy };
            }

            history.Add(report);
            if (spec.CheckpointDirectory is { } directory)
            {
                CheckpointFile.Save(directory, new CheckpointState(fingerprint, epoch, history, data.FeatureCount, data.ClassNames.Count), model, optimizer, dropoutGenerator);
            }

            var directive = onEpoch?.Invoke(report) ?? EpochDirective.Continue;
            if (directive.Stop)
            {
                return Finish(TrialOutcome.Stopped, directive.Reason ?? "stopped", history, resumedFrom, validation, null);
            }
        }

        using var testX = tensor(data.TestFeatures, [data.TestCount, data.FeatureCount], device: device);
        using var testY = tensor(data.TestLabels, [data.TestCount], device: device);
        if (validation is null && data.ValidationCount > 0)
        {
            validation = Evaluate(model, validationX, validationY, data.ClassNames);
        }

        var test = Evaluate(model, testX, testY, data.ClassNames);
        return Finish(TrialOutcome.Completed, null, history, resumedFrom, validation, test);

        TrialResult Finish(TrialOutcome outcome, string? reason, List<EpochReport> epochs, int resumed, Evaluation? validationResult, Evaluation? testResult) =>
            new(outcome, reason, epochs.Count, resumed, epochs, validationResult, testResult,
                trainingSeconds > 0 ? trainedSamples / trainingSeconds : 0, started.Elapsed.TotalSeconds, data.ClassNames);
    }

    private readonly record struct EpochPass(double Loss, double Accuracy, long Samples, double Seconds);

    private static EpochPass? TrainEpoch(MlpClassifier model, optim.Optimizer optimizer, Tensor x, Tensor y, int[] order,
        TrialSpec spec, Device device, CancellationToken cancellation)
    {
        model.train();
        var clock = Stopwatch.StartNew();
        using var permutation = tensor(Array.ConvertAll(order, i => (long)i), [order.Length], device: device);
        using var lossSum = zeros(1, ScalarType.Float64, device);
        using var correct = zeros(1, ScalarType.Int64, device);
        var samples = 0L;
        var batches = 0;
        for (var start = 0; start < order.Length; start += spec.BatchSize)
        {
            if (cancellation.IsCancellationRequested)
            {
                return null;
            }

            var size = Math.Min(spec.BatchSize, order.Length - start);
            // BatchNorm cannot train on a batch of one; PyTorch would raise, we leave that image for the next epoch.
            if (size == 1 && spec.Model.BatchNorm && samples > 0)
            {
                break;
            }

            using (NewDisposeScope())
            {
                var index = permutation.narrow(0, start, size);
                var inputs = x.index_select(0, index);
                var labels = y.index_select(0, index);
                optimizer.zero_grad();
                var logits = model.forward(inputs);
                var loss = nn.functional.cross_entropy(logits, labels, label_smoothing: spec.LabelSmoothing);
                loss.backward();
                optimizer.step();
                using (no_grad())
                {
                    lossSum.add_(loss.detach().to(ScalarType.Float64) * size);
                    correct.add_(logits.argmax(1).eq(labels).sum());
                }
            }

            samples += size;
            if (++batches % DivergenceCheckInterval == 0 && !double.IsFinite(lossSum.item<double>()))
            {
                break;
            }
        }

        var meanLoss = lossSum.item<double>() / Math.Max(samples, 1);
        var accuracy = (double)correct.item<long>() / Math.Max(samples, 1);
        return new EpochPass(meanLoss, accuracy, samples, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Loss (mean cross-entropy) and the classification metrics of the model on one part of the data.</summary>
    public static Evaluation Evaluate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, IReadOnlyList<string> classNames)
    {
        model.eval();
        using var _ = no_grad();
        var count = (int)x.shape[0];
        var predicted = new long[count];
        var lossSum = 0.0;
        for (var start = 0; start < count; start += EvaluationBatch)
        {
            using var scope = NewDisposeScope();
            var size = Math.Min(EvaluationBatch, count - start);
            var logits = model.forward(x.narrow(0, start, size));
            var labels = y.narrow(0, start, size);
            lossSum += nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).item<float>();
            logits.argmax(1).cpu().data<long>().CopyTo(predicted, start);
        }

        var truth = y.cpu().data<long>().ToArray();
        return Evaluation.From(lossSum / Math.Max(count, 1), truth, predicted, classNames);
    }
}
