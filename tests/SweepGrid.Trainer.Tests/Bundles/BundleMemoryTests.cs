using SweepGrid.Trainer.Bundles;
using SweepGrid.Trainer.Optimizers;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Tests.Bundles;

/// <summary>A bundle that would not fit its device's memory is split into sub-bundles that do, not crashed.</summary>
public sealed class BundleMemoryTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void A_bundle_that_fits_stays_whole()
    {
        var groups = BundleMemory.Split(27, memberBytes: 3 * MiB, sharedBytes: 220 * MiB, availableBytes: 8192 * MiB);

        Assert.Equal([Enumerable.Range(0, 27).ToList()], groups.Select(g => g.ToList()));
    }

    [Fact]
    public void A_bundle_too_big_for_the_memory_is_cut_into_even_sub_bundles_that_fit()
    {
        // 100 MiB × 0.8 − 20 MiB leaves room for 6 members of 10 MiB: 27 members go as 5 sub-bundles of 6, 6, 5, 5, 5.
        var groups = BundleMemory.Split(27, memberBytes: 10 * MiB, sharedBytes: 20 * MiB, availableBytes: 100 * MiB);

        Assert.Equal([6, 6, 5, 5, 5], groups.Select(g => g.Count));
        Assert.Equal(Enumerable.Range(0, 27), groups.SelectMany(g => g));
        Assert.All(groups, g => Assert.True((g.Count * 10 * MiB) + (20 * MiB) <= 100 * MiB * BundleMemory.Headroom));
    }

    [Fact]
    public void Members_that_do_not_fit_even_two_at_a_time_train_one_by_one()
    {
        var groups = BundleMemory.Split(4, memberBytes: 50 * MiB, sharedBytes: 40 * MiB, availableBytes: 100 * MiB);

        Assert.Equal([[0], [1], [2], [3]], groups.Select(g => g.ToList()));
    }

    [Fact]
    public void The_estimate_grows_with_the_optimizer_state_and_the_batch()
    {
        var sgd = new TrialSpec { Optimizer = new OptimizerConfig { Kind = OptimizerKind.Sgd, LearningRate = 0.04 } };
        var adam = sgd with { Optimizer = new OptimizerConfig { Kind = OptimizerKind.Adam } };

        // The seed MLP on 784 inputs: 112,042 parameters; SGD keeps weights and gradients, Adam two moments more.
        var plain = BundleMemory.MemberBytes(sgd, 784, 10);
        Assert.Equal(4 * ((112_042L * 2) + (128L * 234 * 8)), plain);
        Assert.Equal(plain + (4 * 112_042L * 2), BundleMemory.MemberBytes(adam, 784, 10));
        Assert.True(BundleMemory.MemberBytes(sgd with { BatchSize = 1024 }, 784, 10) > plain);
    }

    [Fact]
    public void A_sub_bundle_that_runs_out_of_memory_is_retried_in_halves_down_to_single_members()
    {
        var runs = new List<int[]>();
        // A fake device that holds at most 3 members fused: more runs out as libtorch reports it.
        var results = BundleMemory.RunSplitting(8, [Enumerable.Range(0, 8).ToList()], group =>
        {
            runs.Add([.. group]);
            if (group.Count > 3)
            {
                throw new InvalidOperationException("CUDA out of memory. Tried to allocate 2.00 GiB");
            }

            return group.Select(i => $"member {i}").ToList();
        });

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"member {i}"), results);
        Assert.Equal(["0,1,2,3,4,5,6,7", "0,1,2,3", "0,1", "2,3", "4,5,6,7", "4,5", "6,7"], runs.Select(r => string.Join(",", r)));
    }

    [Fact]
    public void A_single_member_that_runs_out_or_any_other_crash_is_not_retried()
    {
        var calls = 0;
        Assert.Throws<InvalidOperationException>(() => BundleMemory.RunSplitting<int>(1, [[0]], _ =>
        {
            calls++;
            throw new InvalidOperationException("out of memory");
        }));
        Assert.Throws<ArgumentException>(() => BundleMemory.RunSplitting<int>(4, [[0, 1, 2, 3]], _ =>
        {
            calls++;
            throw new ArgumentException("bad shape");
        }));

        Assert.Equal(2, calls);
        Assert.True(BundleMemory.IsOutOfMemory(new InvalidOperationException("x", new OutOfMemoryException())));
        Assert.True(BundleMemory.IsOutOfMemory(new System.Runtime.InteropServices.ExternalException("[enforce fail] DefaultCPUAllocator: can't allocate memory: you tried to allocate 9 GB")));
    }
}
