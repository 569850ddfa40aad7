using System.Diagnostics;
using SweepGrid.Trainer.Checkpoints;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Metrics;
using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runner;
using SweepGrid.Trainer.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepGrid.Trainer.Bundles;

/// <summary>
/// Trains a bundle of compatible trials (<see cref="BundleShape"/>) fused, synchronously on the calling thread: every batch
/// is one <see cref="FusedMlp"/> pass over all members still training. Each member keeps what makes it the trial it is
/// alone — its weights from its own generator, its own epoch order and dropout masks, its own optimizer, learning rate and
/// schedule, its own checkpoint (the format <see cref="TrialRunner"/> writes and resumes) — so each member's result equals
/// <see cref="TrialRunner.Run(TrialSpec, PreparedSplits, Func{EpochReport, EpochDirective}?, CancellationToken)"/> of its
/// spec. A member whose loss turns NaN/Inf ends Diverged at that epoch; one whose callback says stop ends Stopped; the
/// bundle carries on with the rest.
/// </summary>
public static class BundleRunner
{
    /// <param name="specs">The members, fusable (<see cref="BundleShape.CanFuse"/>); each resumes from its own checkpoint.</param>
    /// <param name="data">The data every member trains on, prepared from their (shared) dataset options and split seed.</param>
    /// <param name="onEpoch">Called after each member's epoch with the member's index in <paramref name="specs"/> and its report,
    /// after its checkpoint is written; stop takes that member out of the bundle.</param>
    /// <param name="cancellation">Checked every batch; when it fires every member still training ends Interrupted.</param>
    /// <returns>One result per member, in the order of <paramref name="specs"/>.</returns>
    public static IReadOnlyList<TrialResult> Run(IReadOnlyList<TrialSpec> specs, PreparedSplits data,
        Func<int, EpochReport, EpochDirective>? onEpoch = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(data);
        foreach (var spec in specs)
        {
            spec.Validate();
        }

        BundleShape.EnsureFusable(specs);
        TorchRuntime.EnsureAvailable();
        var device = DeviceSpec.Parse(specs[0].Device).Open();
        torch.set_num_threads(specs[0].Threads);
        var started = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        // As in TrialRunner: on a GPU, masks are drawn from the member's CPU generator (TorchSharp crashes making cuda ones).
        var dropoutOn = device.type == DeviceType.CPU ? device : CPU;
        var resumes = specs.Select(s => (Fingerprint: s.Fingerprint(), Resume: TrialRunner.ResumeCandidates(s, s.Fingerprint()))).ToList();
        var members = new List<Member>();
        try
        {
            for (var i = 0; i < specs.Count; i++)
            {
                members.Add(new Member(i, specs[i], resumes[i].Fingerprint, new TrialRunner.Learner(specs[i], data, device, dropoutOn), resumes[i].Resume.PassedOver));
                members[i].Resume(resumes[i].Resume.Candidates);
            }

            Train(members, data, device, started, onEpoch, cancellation);
            return members.Select(m => m.Result!).ToList();
        }
        finally
        {
            foreach (var member in members)
            {
                member.Dispose();
            }
        }
    }

    private static void Train(List<Member> members, PreparedSplits data, Device device, Stopwatch started,
        Func<int, EpochReport, EpochDirective>? onEpoch, CancellationToken cancellation)
    {
        var shape = members[0].Spec;
        using var trainX = tensor(data.TrainFeatures, [data.TrainCount, data.FeatureCount], device: device);
        using var trainY = tensor(data.TrainLabels, [data.TrainCount], device: device);
        using var validationX = tensor(data.ValidationFeatures, [data.ValidationCount, data.FeatureCount], device: device);
        using var validationY = tensor(data.ValidationLabels, [data.ValidationCount], device: device);
        using var testX = tensor(data.TestFeatures, [data.TestCount, data.FeatureCount], device: device);
        using var testY = tensor(data.TestLabels, [data.TestCount], device: device);

        var finish = new Action<Member>(member => member.Complete(validationX, validationY, testX, testY, data, started));
        foreach (var member in members.Where(m => m.Result is null && m.NextEpoch > shape.Epochs))
        {
            finish(member);
        }

        while (members.Where(m => m.Result is null).ToList() is { Count: > 0 } active)
        {
            foreach (var member in active)
            {
                member.BeginEpoch(data.TrainCount, device);
            }

            var clock = Stopwatch.StartNew();
            if (!TrainEpoch(active, trainX, trainY, shape, data.TrainCount, data.FeatureCount, cancellation))
            {
                foreach (var member in active)
                {
                    member.Interrupt(started, data);
                }

                return;
            }

            var seconds = clock.Elapsed.TotalSeconds;
            foreach (var member in active)
            {
                var report = member.EndEpoch(seconds, validationX, validationY, data, started);
                if (report is null || member.Result is not null)
                {
                    continue;
                }

                var directive = onEpoch?.Invoke(member.Index, report) ?? EpochDirective.Continue;
                if (directive.Stop)
                {
                    member.Stop(directive.Reason ?? "stopped", started, data);
                }
                else if (member.NextEpoch > shape.Epochs)
                {
                    finish(member);
                }
            }
        }
    }

    /// <summary>One epoch of every member in <paramref name="active"/>, each in its own order; false when cancelled mid-epoch.</summary>
    private static bool TrainEpoch(List<Member> active, Tensor x, Tensor y, TrialSpec shape, int count, int features, CancellationToken cancellation)
    {
        var batches = 0;
        for (var start = 0; start < count; start += shape.BatchSize)
        {
            if (cancellation.IsCancellationRequested)
            {
                return false;
            }

            var size = Math.Min(shape.BatchSize, count - start);
            // As in TrialRunner: BatchNorm cannot train on a batch of one, that image waits for the next epoch.
            if (size == 1 && shape.Model.BatchNorm && start > 0)
            {
                break;
            }

            var running = active.Where(m => !m.HaltedThisEpoch).ToList();
            if (running.Count == 0)
            {
                break;
            }

            using (NewDisposeScope())
            {
                var index = cat(running.Select(m => m.Order!.narrow(0, start, size)).ToList(), 0);
                var inputs = x.index_select(0, index).view(running.Count, size, features);
                var labels = y.index_select(0, index).view(running.Count, size);
                foreach (var member in running)
                {
                    member.Optimizer.ZeroGrad();
                }

                var logits = FusedMlp.Forward(running.Select(m => m.Model).ToList(), inputs).unbind(0);
                var targets = labels.unbind(0);
                var losses = running.Select((m, k) => nn.functional.cross_entropy(logits[k], targets[k], label_smoothing: m.Spec.LabelSmoothing)).ToList();
                // The gradient of a sum reaches each member's loss as exactly 1, so each member's gradients are its own alone.
                losses.Aggregate((a, b) => a + b).backward();
                for (var k = 0; k < running.Count; k++)
                {
                    running[k].Optimizer.Step();
                    using (no_grad())
                    {
                        running[k].LossSum!.add_(losses[k].detach().to(ScalarType.Float64) * size);
                        running[k].Correct!.add_(logits[k].argmax(1).eq(targets[k]).sum());
                    }

                    running[k].Samples += size;
                }
            }

            if (++batches % TrialRunner.DivergenceCheckInterval == 0)
            {
                foreach (var member in running.Where(m => !double.IsFinite(m.LossSum!.item<double>())))
                {
                    member.HaltedThisEpoch = true;
                }
            }
        }

        return true;
    }

    /// <summary>One trial of the bundle: its learner, its progress, and its result once it leaves the bundle.</summary>
    private sealed class Member(int index, TrialSpec spec, string fingerprint, TrialRunner.Learner learner, List<string> passedOver) : IDisposable
    {
        private readonly List<EpochReport> _history = [];
        private int _resumedFrom;
        private int _epochsDone;
        private long _trainedSamples;
        private double _trainingSeconds;
        private double _learningRate;
        private Evaluation? _validation;

        public int Index { get; } = index;

        public TrialSpec Spec { get; } = spec;

        public MlpClassifier Model => learner.Model;

        public FlatOptimizer Optimizer => learner.Optimizer;

        public int NextEpoch => _epochsDone + 1;

        public TrialResult? Result { get; private set; }

        public Tensor? Order { get; private set; }

        public Tensor? LossSum { get; private set; }

        public Tensor? Correct { get; private set; }

        public long Samples { get; set; }

        public bool HaltedThisEpoch { get; set; }

        public void Resume(IReadOnlyList<string> candidates)
        {
            var (history, resumedFrom) = TrialRunner.Resume(learner, candidates, passedOver);
            _history.AddRange(history);
            _resumedFrom = resumedFrom;
            _epochsDone = resumedFrom;
        }

        public void BeginEpoch(int count, Device device)
        {
            var epoch = NextEpoch;
            _learningRate = Spec.Optimizer.LearningRateAt(epoch, Spec.Epochs);
            Optimizer.SetLearningRate(_learningRate);
            var order = SeededShuffle.Permutation(count, SeededShuffle.Derive(Spec.Seed, TrialRunner.EpochOrderPurpose, epoch));
            DisposeEpochTensors();
            Order = tensor(Array.ConvertAll(order, i => (long)i), [order.Length], device: device).DetachFromDisposeScope();
            LossSum = zeros(1, ScalarType.Float64, device).DetachFromDisposeScope();
            Correct = zeros(1, ScalarType.Int64, device).DetachFromDisposeScope();
            Samples = 0;
            HaltedThisEpoch = false;
            Model.train();
        }

        /// <summary>Reports the epoch just trained (null once the member has a result): Diverged on a NaN/Inf loss, else
        /// validated and checkpointed.</summary>
        public EpochReport? EndEpoch(double seconds, Tensor validationX, Tensor validationY, PreparedSplits data, Stopwatch started)
        {
            var epoch = NextEpoch;
            var loss = LossSum!.item<double>() / Math.Max(Samples, 1);
            var accuracy = (double)Correct!.item<long>() / Math.Max(Samples, 1);
            _trainedSamples += Samples;
            _trainingSeconds += seconds;
            var report = new EpochReport(epoch, Spec.Epochs, loss, accuracy, null, null, _learningRate, seconds, Samples / Math.Max(seconds, 1e-9));
            _epochsDone = epoch;
            if (!double.IsFinite(loss))
            {
                _history.Add(report);
                Finish(TrialOutcome.Diverged, $"training loss became {loss} in epoch {epoch}", null, null, started, data);
                return report;
            }

            if (data.ValidationCount > 0)
            {
                _validation = TrialRunner.Evaluate(Model, validationX, validationY, data.ClassNames);
                report = report with { ValidationLoss = _validation.Loss, ValidationAccuracy = _validation.Accuracy };
            }

            _history.Add(report);
            if (Spec.CheckpointDirectory is { } directory)
            {
                CheckpointFile.Save(directory, new CheckpointState(fingerprint, epoch, _history, data.FeatureCount, data.ClassNames.Count),
                    Model, Optimizer, learner.DropoutGenerator);
            }

            return report;
        }

        public void Complete(Tensor validationX, Tensor validationY, Tensor testX, Tensor testY, PreparedSplits data, Stopwatch started)
        {
            if (_validation is null && data.ValidationCount > 0)
            {
                _validation = TrialRunner.Evaluate(Model, validationX, validationY, data.ClassNames);
            }

            var test = TrialRunner.Evaluate(Model, testX, testY, data.ClassNames);
            Finish(TrialOutcome.Completed, null, _validation, test, started, data);
        }

        public void Stop(string reason, Stopwatch started, PreparedSplits data) => Finish(TrialOutcome.Stopped, reason, _validation, null, started, data);

        public void Interrupt(Stopwatch started, PreparedSplits data) => Finish(TrialOutcome.Interrupted, "cancelled mid-epoch", _validation, null, started, data);

        private void Finish(TrialOutcome outcome, string? reason, Evaluation? validation, Evaluation? test, Stopwatch started, PreparedSplits data)
        {
            Result = new TrialResult(outcome, reason, _history.Count, _resumedFrom, _history.ToList(), validation, test,
                _trainingSeconds > 0 ? _trainedSamples / _trainingSeconds : 0, started.Elapsed.TotalSeconds, data.ClassNames)
            {
                PassedOverCheckpoints = passedOver,
            };
            DisposeEpochTensors();
        }

        private void DisposeEpochTensors()
        {
            Order?.Dispose();
            LossSum?.Dispose();
            Correct?.Dispose();
            Order = LossSum = Correct = null;
        }

        public void Dispose()
        {
            DisposeEpochTensors();
            learner.Dispose();
        }
    }
}
