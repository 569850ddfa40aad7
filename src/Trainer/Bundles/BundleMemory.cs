using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Bundles;

/// <summary>
/// Whether a bundle fits the device's memory, and how to split one that does not: an estimate of what the fused run holds
/// (the data once; per member its weights, gradients, optimizer state, and a batch's activations) against the bytes free,
/// and the bundle cut into as few even sub-bundles as fit, one member each in the worst case.
/// </summary>
public static class BundleMemory
{
    /// <summary>Part of the free memory a bundle may plan to use; the rest is libtorch's allocator slack and everything else.</summary>
    public const double Headroom = 0.8;

    // Tensors a layer keeps per sample for the backward pass (its input, pre-activation, activation, batch norm and dropout
    // outputs and mask), and the same again for the gradients flowing back.
    private const int ActivationCopies = 8;

    /// <summary>Bytes one member adds to a fused run of <paramref name="spec"/> on data of <paramref name="features"/> inputs
    /// and <paramref name="classes"/> classes.</summary>
    public static long MemberBytes(TrialSpec spec, int features, int classes)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var widths = spec.Model.Hidden.Prepend(features).Append(classes).ToList();
        long parameters = 0;
        for (var layer = 1; layer < widths.Count; layer++)
        {
            parameters += ((long)widths[layer - 1] * widths[layer]) + widths[layer];
        }

        // Batch norm's weight, bias and running statistics.
        if (spec.Model.BatchNorm)
        {
            parameters += 4L * spec.Model.Hidden.Sum();
        }

        var stateCopies = spec.Optimizer.Kind switch
        {
            OptimizerKind.Adam => 2,
            OptimizerKind.RmsProp => spec.Optimizer.Momentum > 0 ? 2 : 1,
            _ => spec.Optimizer.Momentum > 0 ? 1 : 0,
        };
        var activations = (long)spec.BatchSize * widths.Skip(1).Sum() * ActivationCopies;
        // float32: weights, their gradients and the optimizer's state per parameter.
        return 4 * ((parameters * (2 + stateCopies)) + activations);
    }

    /// <summary>Bytes of the data a fused run puts on its device once for all members: features as float32, labels as int64.</summary>
    public static long SharedBytes(PreparedSplits data)
    {
        ArgumentNullException.ThrowIfNull(data);
        long rows = data.TrainCount + data.ValidationCount + data.TestCount;
        return (rows * data.FeatureCount * 4) + (rows * 8);
    }

    /// <summary>
    /// The members (indices 0..<paramref name="members"/> − 1, in order) cut into as few sub-bundles of even size as fit
    /// <paramref name="availableBytes"/> × <see cref="Headroom"/>; a bundle that fits whole stays one, and members that fit
    /// not even two at a time train one by one.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<int>> Split(int members, long memberBytes, long sharedBytes, long availableBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(memberBytes);
        var room = (availableBytes * Headroom) - sharedBytes;
        var fit = memberBytes == 0 ? members : (int)Math.Clamp(Math.Floor(room / memberBytes), 1, members);
        var parts = (members + fit - 1) / fit;
        var groups = new List<IReadOnlyList<int>>(parts);
        for (int part = 0, first = 0; part < parts; part++)
        {
            // Even sizes: the first (members mod parts) sub-bundles take one more.
            var size = (members / parts) + (part < members % parts ? 1 : 0);
            groups.Add(Enumerable.Range(first, size).ToList());
            first += size;
        }

        return groups;
    }

    /// <summary>
    /// Runs each group of members (<see cref="Split"/>) with <paramref name="run"/>, which returns one result per member of the
    /// group, in order; a group of two or more that runs out of memory (<see cref="IsOutOfMemory"/>) is run again as two
    /// halves, down to one member, whose running out is its own crash. One result per member 0..<paramref name="members"/> − 1.
    /// </summary>
    public static IReadOnlyList<T> RunSplitting<T>(int members, IReadOnlyList<IReadOnlyList<int>> groups, Func<IReadOnlyList<int>, IReadOnlyList<T>> run)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(run);
        var results = new T[members];
        var pending = new Stack<IReadOnlyList<int>>(groups.Reverse());
        while (pending.TryPop(out var group))
        {
            IReadOnlyList<T> done;
            try
            {
                done = run(group);
            }
            catch (Exception e) when (group.Count > 1 && IsOutOfMemory(e))
            {
                // Members that checkpointed before it ran out resume from there in their half.
                pending.Push(group.Skip(group.Count / 2).ToList());
                pending.Push(group.Take(group.Count / 2).ToList());
                continue;
            }

            for (var i = 0; i < group.Count; i++)
            {
                results[group[i]] = done[i];
            }
        }

        return results;
    }

    /// <summary>Whether <paramref name="error"/> is libtorch (or .NET) running out of memory, which a smaller bundle may avoid.</summary>
    public static bool IsOutOfMemory(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is OutOfMemoryException
                || e.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
                || e.Message.Contains("can't allocate memory", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
