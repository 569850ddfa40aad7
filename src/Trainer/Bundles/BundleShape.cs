using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Bundles;

/// <summary>
/// Whether trials can train fused as one bundle: they must see the same data in the same batches of the same model shape
/// on one device, for the same epochs, with one optimizer kind. They may differ in learning rate and its schedule,
/// momentum, weight decay, Adam's betas, eps, dropout rate and seed.
/// </summary>
public static class BundleShape
{
    /// <summary>True when <paramref name="specs"/> can train as one bundle; otherwise false, with why in <paramref name="whyNot"/>.</summary>
    public static bool CanFuse(IReadOnlyList<TrialSpec> specs, out string whyNot)
    {
        ArgumentNullException.ThrowIfNull(specs);
        whyNot = "";
        if (specs.Count == 0)
        {
            whyNot = "a bundle needs at least one trial";
            return false;
        }

        var first = specs[0];
        for (var i = 1; i < specs.Count; i++)
        {
            var difference = FirstDifference(first, specs[i]);
            if (difference is not null)
            {
                whyNot = $"trial {i} has another {difference} than trial 0";
                return false;
            }
        }

        var shared = specs.Where(s => s.CheckpointDirectory is not null).GroupBy(s => Path.GetFullPath(s.CheckpointDirectory!)).FirstOrDefault(g => g.Count() > 1);
        if (shared is not null)
        {
            whyNot = $"{shared.Count()} trials write their checkpoint to one folder ({shared.Key}); each needs its own";
            return false;
        }

        return true;
    }

    /// <summary>Throws a <see cref="TrainingConfigException"/> naming why <paramref name="specs"/> cannot train as one bundle.</summary>
    public static void EnsureFusable(IReadOnlyList<TrialSpec> specs)
    {
        if (!CanFuse(specs, out var whyNot))
        {
            throw new TrainingConfigException("bundle", $"{specs.Count} trials", $"{whyNot}; trials of one bundle share dataset, split seed, "
                + "model shape (hidden sizes, activations, batch norm, regularized layers), batch size, epochs, optimizer kind, Nesterov, "
                + "label smoothing, device and threads");
        }
    }

    private static string? FirstDifference(TrialSpec a, TrialSpec b)
    {
        if (a.Dataset != b.Dataset)
        {
            return "dataset";
        }

        if (a.SplitSeed != b.SplitSeed)
        {
            return "split seed";
        }

        if (!a.Model.Hidden.SequenceEqual(b.Model.Hidden))
        {
            return "hidden layer sizes";
        }

        if (!Enumerable.Range(0, a.Model.Hidden.Count).All(i => a.Model.ActivationOf(i) == b.Model.ActivationOf(i)))
        {
            return "activations";
        }

        if (a.Model.BatchNorm != b.Model.BatchNorm)
        {
            return "batch norm";
        }

        if (a.Model.RegularizeEveryLayer != b.Model.RegularizeEveryLayer)
        {
            return "regularize_every_layer";
        }

        if (a.BatchSize != b.BatchSize)
        {
            return "batch size";
        }

        if (a.Epochs != b.Epochs)
        {
            return "number of epochs";
        }

        if (a.Optimizer.Kind != b.Optimizer.Kind)
        {
            return "optimizer";
        }

        if (a.Optimizer.Nesterov != b.Optimizer.Nesterov)
        {
            return "nesterov";
        }

        if (a.LabelSmoothing != b.LabelSmoothing)
        {
            return "label smoothing";
        }

        if (a.Device != b.Device)
        {
            return "device";
        }

        return a.Threads != b.Threads ? "thread count" : null;
    }
}
