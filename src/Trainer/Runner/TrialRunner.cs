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
    internal const ulong EpochOrderPurpose = 2;
    internal const ulong DropoutPurpose = 3;
    private const int EvaluationBatch = 2048;

    // How often (in batches) the running loss is read back to notice divergence early; a read forces a device sync.
    internal const int DivergenceCheckInterval = 50;

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
        // TorchSharp 0.107 crashes (SIGSEGV) creating a generator on cuda, so on a GPU the masks are drawn on the CPU
        // from the trial's CPU generator and copied over: reproducible per trial still, at the cost of one small copy per batch.
        var dropoutOn = device.type == DeviceType.CPU ? device : CPU;
        var fingerprint = spec.Fingerprint();
        var (candidates, passedOver) = ResumeCandidates(spec, fingerprint);
        using var learner = new Learner(spec, data, device, dropoutOn);
        return Train(spec, data, device, learner, fingerprint, candidates, passedOver, started, onEpoch, cancellation);
    }

    private static TrialResult Train(TrialSpec spec, PreparedSplits data, Device device, Learner learner, string fingerprint,
        IReadOnlyList<string> candidates, List<string> passedOver, Stopwatch started, Func<EpochReport, EpochDirective>? onEpoch,
        CancellationToken cancellation)
    {
        var (history, resumedFrom) = Resume(learner, candidates, passedOver);
        var model = learner.Model;
        var optimizer = learner.Optimizer;
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
            optimizer.SetLearningRate(learningRate);
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
                CheckpointFile.Save(directory, new CheckpointState(fingerprint, epoch, history, data.FeatureCount, data.ClassNames.Count), model, optimizer, learner.DropoutGenerator);
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
                trainingSeconds > 0 ? trainedSamples / trainingSeconds : 0, started.Elapsed.TotalSeconds, data.ClassNames)
            {
                PassedOverCheckpoints = passedOver,
            };
    }

    /// <summary>Loads the first loadable checkpoint of <paramref name="candidates"/> into the learner; returns its history and
    /// epoch (none and 0 for a fresh start), adding to <paramref name="passedOver"/> each candidate that failed to load.</summary>
    internal static (List<EpochReport> History, int ResumedFrom) Resume(Learner learner, IReadOnlyList<string> candidates, List<string> passedOver)
    {
        foreach (var candidate in candidates)
        {
            try
            {
                var state = CheckpointFile.Load(candidate, learner.Model, learner.Optimizer, learner.DropoutGenerator);
                return ([.. state.History], state.Epoch);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Read whole and checked, yet unloadable (a file of the first format, damaged; removed meanwhile): a
                // half-loaded model is no start, so the next candidate, or a fresh start, gets a fresh one.
                passedOver.Add($"{CheckpointFile.PathIn(candidate)} could not be loaded ({e.Message})");
                learner.Reset();
            }
        }

        return ([], 0);
    }

    /// <summary>
    /// The checkpoint folders to resume from, best first (the latest epoch; at equal epochs the trial's own folder, then
    /// <see cref="TrialSpec.ResumeFrom"/> in order), and why each other checkpoint found was passed over. A checkpoint of
    /// another configuration in the folder the trial writes to is refused, since training would overwrite it.
    /// </summary>
    internal static (IReadOnlyList<string> Candidates, List<string> PassedOver) ResumeCandidates(TrialSpec spec, string fingerprint)
    {
        var found = new List<(string Directory, int Epoch)>();
        var passedOver = new List<string>();
        var folders = (spec.CheckpointDirectory is { } own ? spec.ResumeFrom.Prepend(own) : spec.ResumeFrom).Distinct();
        foreach (var folder in folders)
        {
            CheckpointState? state;
            try
            {
                state = CheckpointFile.ReadState(folder);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                passedOver.Add($"{e.Message}; passed over");
                continue;
            }

            if (state is null)
            {
                continue;
            }

            if (state.Fingerprint != fingerprint)
            {
                if (folder == spec.CheckpointDirectory)
                {
                    throw new TrainingConfigException("checkpoint", CheckpointFile.PathIn(folder),
                        "it belongs to a trial with another configuration: give this trial its own checkpoint folder, or delete the file to start over");
                }

                passedOver.Add($"{CheckpointFile.PathIn(folder)} belongs to another configuration; passed over");
            }
            else if (state.Epoch < 1 || state.Epoch > spec.Epochs || state.History.Count != state.Epoch)
            {
                passedOver.Add($"{CheckpointFile.PathIn(folder)} holds epoch {state.Epoch} with {state.History.Count} epochs of history, of a trial of {spec.Epochs}; passed over");
            }
            else
            {
                found.Add((folder, state.Epoch));
            }
        }

        return (found.OrderByDescending(f => f.Epoch).Select(f => f.Directory).ToList(), passedOver);
    }

    /// <summary>What a trial trains with: the model, its optimizer and the generators behind its initial weights and
    /// dropout masks, made anew when a checkpoint fails to load halfway.</summary>
    internal sealed class Learner(TrialSpec spec, PreparedSplits data, Device device, Device dropoutOn) : IDisposable
    {
        private Parts _parts = Parts.Create(spec, data, device, dropoutOn);

        public MlpClassifier Model => _parts.Model;

        public FlatOptimizer Optimizer => _parts.Optimizer;

        public Generator DropoutGenerator => _parts.Dropout;

        public void Reset()
        {
            _parts.Dispose();
            _parts = Parts.Create(spec, data, device, dropoutOn);
        }

        public void Dispose() => _parts.Dispose();

        private sealed record Parts(Generator Init, Generator Dropout, MlpClassifier Model, FlatOptimizer Optimizer) : IDisposable
        {
            public static Parts Create(TrialSpec spec, PreparedSplits data, Device device, Device dropoutOn)
            {
                var init = new Generator(unchecked((ulong)spec.Seed), CPU);
                var dropout = new Generator(SeededShuffle.Derive(spec.Seed, DropoutPurpose), dropoutOn);
                var model = new MlpClassifier(spec.Model, data.FeatureCount, data.ClassNames.Count, init, dropout, dropoutOn);
                model.to(device);
                return new Parts(init, dropout, model, new FlatOptimizer(spec.Optimizer, model.parameters()));
            }

            public void Dispose()
            {
                Optimizer.Dispose();
                Model.Dispose();
                Dropout.Dispose();
                Init.Dispose();
            }
        }
    }

    private readonly record struct EpochPass(double Loss, double Accuracy, long Samples, double Seconds);

    private static EpochPass? TrainEpoch(MlpClassifier model, FlatOptimizer optimizer, Tensor x, Tensor y, int[] order,
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
                optimizer.ZeroGrad();
                var logits = model.forward(inputs);
                var loss = nn.functional.cross_entropy(logits, labels, label_smoothing: spec.LabelSmoothing);
                loss.backward();
                optimizer.Step();
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
