using System.Diagnostics;
using System.Globalization;
using SweepGrid.Trainer.Bundles;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepGrid.Bench.Bundles;

/// <summary>
/// Where one fused batch's time goes (`--phases`): the operations of a bundle's batch — gather the members' batches, zero
/// the gradients, the fused forward pass, the members' losses, backward, each member's optimizer step, the running figures —
/// timed one by one over a bundle of K example-grid models stepping with <see cref="FlatOptimizer"/>, as bundles do. Then,
/// side by side: K members' TorchSharp Adam over each parameter against their flat steps, and against one Adam update over
/// the parameters stacked to [K, …] (each member's hyperparameters as [K, 1, …] tensors); what one small operation costs,
/// and a member's dropout masks; the first layer's batched multiply with the weights as a transposed view against stored
/// transposed; and stacking the members' weights every batch as they are against transposed into the stack.
/// </summary>
internal static class BatchPhases
{
    private const int BatchSize = 128;
    private static readonly string[] PhaseNames = ["gather", "zero_grad", "forward", "loss", "backward", "step", "figures"];

    public static void Run(int members, int trainLimit, int passes, int threads)
    {
        torch.set_num_threads(threads);
        var options = new DatasetOptions { Source = "fashion-mnist", TrainLimit = trainLimit, TestLimit = 100 };
        var data = DatasetPreparer.Prepare(DatasetResolver.Resolve(options.Source).Load(), options, 42);
        using var scope = NewDisposeScope();
        var x = tensor(data.TrainFeatures, [data.TrainCount, data.FeatureCount]);
        var y = tensor(data.TrainLabels, [data.TrainCount]);
        var config = new ModelConfig { Dropout = 0.2, Activations = [Activation.Relu, Activation.Gelu, Activation.Tanh] };
        var models = Enumerable.Range(0, members).Select(k => new MlpClassifier(config, data.FeatureCount, data.ClassNames.Count,
            new Generator((ulong)k + 1), new Generator((ulong)k + 100))).ToList();
        var adam = new OptimizerConfig { Kind = OptimizerKind.Adam, LearningRate = 0.001 };
        // What a bundle's members step with (FlatOptimizer); TorchSharp's Adam over each parameter is timed beside it below.
        var optimizers = models.Select(m => new FlatOptimizer(adam, m.parameters())).ToList();
        var perParameter = models.Select(m => OptimizerFactory.Create(adam, m.parameters())).ToList();
        var orders = Enumerable.Range(0, members).Select(k => randperm(data.TrainCount, generator: new Generator((ulong)k))).ToList();
        Console.WriteLine(FormattableString.Invariant(
            $"one fused batch of {members} members (the example grid's MLP, Adam, batch {BatchSize}), {data.TrainCount} images, {passes} passes, {threads} intra-op thread(s)"));

        var phases = new double[PhaseNames.Length];
        var batches = 0;
        for (var pass = 0; pass <= passes; pass++)
        {
            // Pass 0 warms up and is not counted.
            var counted = pass > 0;
            for (var start = 0; start + BatchSize <= data.TrainCount; start += BatchSize)
            {
                using var batch = NewDisposeScope();
                var clock = Stopwatch.StartNew();
                void Lap(int phase)
                {
                    phases[phase] += counted ? clock.Elapsed.TotalMilliseconds : 0;
                    clock.Restart();
                }

                var index = cat(orders.Select(o => o.narrow(0, start, BatchSize)).ToList(), 0);
                var inputs = x.index_select(0, index).view(members, BatchSize, data.FeatureCount);
                var labels = y.index_select(0, index).view(members, BatchSize);
                Lap(0);
                optimizers.ForEach(o => o.ZeroGrad());
                Lap(1);
                var logits = FusedMlp.Forward(models, inputs);
                Lap(2);
                var (slices, targets) = (logits.unbind(0), labels.unbind(0));
                var losses = slices.Select((slice, k) => nn.functional.cross_entropy(slice, targets[k])).ToList();
                var total = losses.Aggregate((a, b) => a + b);
                Lap(3);
                total.backward();
                Lap(4);
                optimizers.ForEach(o => o.Step());
                Lap(5);
                using (no_grad())
                {
                    _ = stack(losses).to(ScalarType.Float64) * BatchSize;
                    _ = logits.argmax(2).eq(labels).sum(1);
                }

                Lap(6);
                batches += counted ? 1 : 0;
            }
        }

        var sum = phases.Sum();
        Console.WriteLine(FormattableString.Invariant($"  {"batch",-10} {sum / batches,7:F2} ms ({batches * BatchSize * members / (sum / 1000):F0} samples/s)"));
        for (var p = 0; p < PhaseNames.Length; p++)
        {
            Console.WriteLine(FormattableString.Invariant($"  {PhaseNames[p],-10} {phases[p] / batches,7:F2} ms  {100 * phases[p] / sum,5:F1} %"));
        }

        CompareSteps(models, optimizers, perParameter, members);
        CompareFirstLayer(members, data.FeatureCount);
        optimizers.ForEach(o => o.Dispose());
        perParameter.ForEach(o => o.Dispose());
        models.ForEach(m => m.Dispose());
    }

    /// <summary>The members' own Adam steps against one Adam update of the same parameters stacked, on the same gradients.</summary>
    private static void CompareSteps(List<MlpClassifier> models, List<FlatOptimizer> optimizers, List<optim.Optimizer> perParameter, int members)
    {
        using var scope = NewDisposeScope();
        var own = Time(() => perParameter.ForEach(o => o.step()));

        var shapes = models[0].parameters().Select(p => p.shape).ToList();
        var stacked = shapes.Select(s => randn([members, .. s]).mul_(0.05)).ToList();
        var grads = stacked.Select(p => randn_like(p).mul_(0.01)).ToList();
        var firstMoments = stacked.Select(p => zeros_like(p)).ToList();
        var secondMoments = stacked.Select(p => zeros_like(p)).ToList();
        // Each member's own rate and betas as [K, 1, ...] tensors broadcast over its slice of each stacked parameter, made once.
        var perMember = stacked.Select(p =>
        {
            var along = Enumerable.Repeat(1L, (int)p.dim()).ToArray();
            along[0] = members;
            var each = (Func<float, Tensor>)(value => full([members], value).view(along));
            return (Beta1: each(0.9f), OneMinusBeta1: each(0.1f), Beta2: each(0.999f), OneMinusBeta2: each(0.001f), Rate: each(0.001f));
        }).ToList();
        long step = 0;
        var fused = Time(() =>
        {
            using var _ = NewDisposeScope();
            step++;
            var (correction1, correction2) = (1 - Math.Pow(0.9, step), 1 - Math.Pow(0.999, step));
            for (var i = 0; i < stacked.Count; i++)
            {
                var h = perMember[i];
                firstMoments[i].mul_(h.Beta1).addcmul_(grads[i], h.OneMinusBeta1, 1);
                secondMoments[i].mul_(h.Beta2).addcmul_(grads[i], grads[i].mul(h.OneMinusBeta2), 1);
                var denominator = secondMoments[i].sqrt().div_(Math.Sqrt(correction2)).add_(1e-8);
                stacked[i].sub_(firstMoments[i].div(denominator).mul_(h.Rate).div_(correction1));
            }
        });
        Console.WriteLine(FormattableString.Invariant(
            $"optimizer step: {members} members' Adam over each parameter {own:F2} ms, one Adam over stacked [K, ...] parameters {fused:F2} ms ({own / fused:F2}x)"));

        // Each member's own FlatOptimizer (what a bundle steps with): one Adam update over all its parameters at once.
        var flatTime = Time(() => optimizers.ForEach(o => o.Step()));
        var count = shapes.Sum(s => s.Aggregate(1L, (a, b) => a * b));
        Console.WriteLine(FormattableString.Invariant(
            $"optimizer step: {members} members' Adam over each parameter {own:F2} ms, one Adam per member over its {shapes.Count} parameters in one flat buffer ({count} values) {flatTime:F2} ms ({own / flatTime:F2}x)"));

        // What one small operation costs, whatever it computes: 100 in-place adds to a 10-value tensor.
        using var tiny = zeros(10);
        var perOperation = Time(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                tiny.add_(1);
            }
        }) * 10;
        Console.WriteLine(FormattableString.Invariant($"one small operation (an in-place add to 10 values): {perOperation:F1} µs"));

        // What one member's dropout masks cost a batch: drawn from its own generator, as SeededDropout draws them, for the
        // example model's two dropout layers ([128, 128] and [128, 64] at batch 128).
        var generator = new Generator(7);
        var masks = Time(() =>
        {
            using var _ = NewDisposeScope();
            rand([BatchSize, 128], generator: generator).ge(0.2);
            rand([BatchSize, 64], generator: generator).ge(0.2);
        });
        Console.WriteLine(FormattableString.Invariant($"one member's dropout masks for one batch, from its own generator: {masks:F3} ms"));
    }

    /// <summary>The first layer's forward multiply with the weights as a transposed view of [K, out, in] against stored as [K, in, out].</summary>
    private static void CompareFirstLayer(int members, int features)
    {
        using var scope = NewDisposeScope();
        var inputs = randn(members, BatchSize, features);
        var weights = randn(members, 128, features);
        var biases = randn(members, 1, 128);
        var transposed = weights.transpose(1, 2).contiguous();
        var view = Time(() => inputs.baddbmm(weights.transpose(1, 2), biases).Dispose());
        var stored = Time(() => inputs.baddbmm(transposed, biases).Dispose());
        Console.WriteLine(FormattableString.Invariant(
            $"first layer [K, {BatchSize}, {features}] x [K, {features}, 128]: weights as a transposed view {view:F2} ms, stored transposed {stored:F2} ms ({view / stored:F2}x)"));
        // What a bundle pays when the members' weights are stacked every batch, as they are or transposed into the stack.
        var own = Enumerable.Range(0, members).Select(_ => randn(128, features)).ToList();
        var asTheyAre = Time(() => stack(own).Dispose());
        var transposing = Time(() => stack(own.Select(w => w.t())).Dispose());
        var withView = Time(() =>
        {
            using var stacked = stack(own);
            inputs.baddbmm(stacked.transpose(1, 2), biases).Dispose();
        });
        var withTransposed = Time(() =>
        {
            using var stacked = stack(own.Select(w => w.t()));
            inputs.baddbmm(stacked, biases).Dispose();
        });
        Console.WriteLine(FormattableString.Invariant(
            $"stacking the members' first-layer weights every batch: as they are {asTheyAre:F2} ms, transposed {transposing:F2} ms; with the multiply {withView:F2} ms and {withTransposed:F2} ms"));
    }

    /// <summary>Median milliseconds of 50 runs of <paramref name="action"/> after 10 not counted.</summary>
    private static double Time(Action action)
    {
        var times = new List<double>();
        for (var i = 0; i < 60; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            if (i >= 10)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>The positive whole number after <paramref name="name"/>, else <paramref name="fallback"/>; anything else exits 2 saying so.</summary>
    public static int Argument(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0)
        {
            return fallback;
        }

        if (at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        Console.Error.WriteLine($"{name} takes a positive whole number; got '{(at + 1 < args.Length ? args[at + 1] : "")}'");
        Environment.Exit(2);
        return fallback;
    }
}
