using SweepGrid.Contracts.Search;
using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Tests.Search;

/// <summary>
/// TPE's pieces against Optuna's figures, read from optuna/samplers/_tpe/sampler.py (default_gamma, default_weights) and
/// parzen_estimator.py at commit 1d8ce7bb, with the mixtures worked out by hand (Python's math.erfc for the normal's mass).
/// </summary>
public sealed class TpeEstimatorTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(30, 3)]
    [InlineData(100, 10)]
    [InlineData(240, 24)]
    [InlineData(241, 25)]
    [InlineData(10_000, 25)]
    public void Gamma_is_a_tenth_rounded_up_and_at_most_25(int observations, int good)
    {
        Assert.Equal(good, TpeSplit.Gamma(observations));
    }

    [Fact]
    public void Weights_are_flat_up_to_25_observations_then_ramp_up_from_one_over_n_for_the_oldest()
    {
        Assert.Empty(ParzenEstimator.ObservationWeights(0));
        Assert.Equal(Enumerable.Repeat(1.0, 10), ParzenEstimator.ObservationWeights(10));
        Assert.Equal(Enumerable.Repeat(1.0, 25), ParzenEstimator.ObservationWeights(25));

        // np.linspace(1/26, 1, 1) is [1/26]: the oldest of 26 drops to 1/26 at once.
        Assert.Equal([1.0 / 26, .. Enumerable.Repeat(1.0, 25)], ParzenEstimator.ObservationWeights(26));

        // np.linspace(1/30, 1, 5) = [0.0333, 0.275, 0.51667, 0.75833, 1.0], then 25 ones.
        var thirty = ParzenEstimator.ObservationWeights(30);
        Assert.Equal(30, thirty.Length);
        Assert.Equal([1.0 / 30, 0.275, 0.5166666666666667, 0.7583333333333333, 1.0], thirty.Take(5), new Tolerance(1e-12));
        Assert.All(thirty.Skip(5), w => Assert.Equal(1.0, w));

        var fifty = ParzenEstimator.ObservationWeights(50);
        Assert.Equal([0.02, 0.060833333333333336, 0.10166666666666667], fifty.Take(3), new Tolerance(1e-12));
        Assert.Equal(1.0, fifty[24]);
    }

    [Theory]
    [InlineData(0.5, 0.1003890510798968)]
    [InlineData(0.05, -0.1716809017876629)]
    [InlineData(0.99, -0.21226992304117517)]
    public void Kernels_are_as_wide_as_their_larger_gap_with_the_outer_ones_looking_inward(double x, double logDensity)
    {
        // Observations 0.2, 0.5, 0.9 in [0, 1]: widths 0.3, 0.4, 0.4 (0.2's gap to 0 is ignored, the endpoints not being
        // considered), clipped to at least 1 / min(100, 3 + 2) = 0.2; the prior N(0.5, 1); each kernel weighs a quarter.
        var estimator = new NumericParzenEstimator([0.2, 0.5, 0.9], 0, 1, 0);

        Assert.Equal(logDensity, estimator.LogDensity(x), 1e-12);
    }

    [Fact]
    public void Whole_numbers_take_the_mass_that_rounds_to_them()
    {
        var estimator = new NumericParzenEstimator([2, 2, 3], 1, 5, 1);

        var total = Enumerable.Range(1, 5).Sum(k => Math.Exp(estimator.LogDensity(k)));
        Assert.Equal(1.0, total, 1e-12);
        Assert.True(estimator.LogDensity(2) > estimator.LogDensity(3) && estimator.LogDensity(3) > estimator.LogDensity(5));
    }

    [Fact]
    public void A_categorical_estimator_keeps_a_share_for_every_choice()
    {
        // Observed 0, 0, 1 of three choices: each observed kernel is (1 at its choice + 1/4 on each) / 1.75, the prior 1/3 each.
        var estimator = new CategoricalParzenEstimator([0, 0, 1], 3);

        Assert.Equal(Math.Log(0.25 * 2.75 / 1.75 + 0.25 / 3), estimator.LogDensity(0), 1e-12);
        Assert.Equal(Math.Log(1.0 / 3), estimator.LogDensity(1), 1e-12);
        Assert.Equal(Math.Log(0.25 * 0.75 / 1.75 + 0.25 / 3), estimator.LogDensity(2), 1e-12);
    }

    [Fact]
    public void Draws_follow_the_estimators_and_stay_in_range()
    {
        var random = new SplitMix64(17);
        var numeric = new NumericParzenEstimator([0.2, 0.21, 0.22], 0, 1, 0);
        var draws = Enumerable.Range(0, 4_000).Select(_ => numeric.Sample(random)).ToList();
        var categorical = new CategoricalParzenEstimator([0, 0, 1], 3);
        var choices = Enumerable.Range(0, 6_000).Select(_ => (int)categorical.Sample(random)).ToList();

        Assert.All(draws, d => Assert.InRange(d, 0, 1));
        // Three kernels N(0.2..0.22, 0.2) (widths 0.01 clipped up to 0.2) and the prior: 0.4728 of the mass lies in (0.1, 0.35).
        Assert.InRange(draws.Count(d => d is > 0.1 and < 0.35) / 4_000.0, 0.4728 - 0.03, 0.4728 + 0.03);
        Assert.InRange(choices.Count(c => c == 0) / 6_000.0, 0.476 - 0.03, 0.476 + 0.03);
        Assert.InRange(choices.Count(c => c == 2) / 6_000.0, 0.190 - 0.03, 0.190 + 0.03);
    }

    [Theory]
    [InlineData(-1, -1.8410216450092634)]
    [InlineData(-5, -15.064998393988724)]
    [InlineData(-30, -454.3212439563431)]
    [InlineData(-40, -804.6084420137537)]
    public void The_normal_log_cdf_holds_far_into_the_tail(double z, double logCdf)
    {
        Assert.Equal(logCdf, StandardNormal.LogCdf(z), 1e-9 * Math.Abs(logCdf));
    }

    [Fact]
    public void The_mass_of_a_narrow_interval_far_out_is_not_lost()
    {
        Assert.Equal(-207.83667731140673, StandardNormal.LogMass(20, 20.001), 1e-9);
        Assert.Equal(-207.83667731140673, StandardNormal.LogMass(-20.001, -20), 1e-9);
        Assert.Equal(-1.6236832388683204, StandardNormal.LogMass(-0.2, 0.3), 1e-12);
    }

    [Fact]
    public void The_split_ranks_completed_before_pruned_counts_running_as_bad_and_ignores_failed()
    {
        PlannedTrial Trial(double dropout) => PlannedTrial.For(new TrialConfig { Dropout = dropout });
        ObservedTrial[] trials =
        [
            new(Trial(0.01), ObservedState.Completed, 0.5),
            new(Trial(0.02), ObservedState.Pruned, 0.9),
            new(Trial(0.03), ObservedState.Failed, 1.0),
            new(Trial(0.04), ObservedState.Running),
            new(Trial(0.05), ObservedState.Completed, 0.7),
            .. Enumerable.Range(6, 9).Select(i => new ObservedTrial(Trial(i / 100.0), ObservedState.Completed, 0.1)),
            new(Trial(0.15), ObservedState.Completed, double.NaN),
            new(Trial(0.16), ObservedState.Pruned),
        ];

        var maximize = TpeSplit.Of(trials, MetricGoal.Maximize);
        var minimize = TpeSplit.Of(trials, MetricGoal.Minimize);

        // 12 observations: gamma 2. The pruned 0.9 ranks behind the completed 0.7 and 0.5.
        Assert.Equal([0.01, 0.05], maximize.Good.Select(c => c.Dropout));
        Assert.Equal([0.02, 0.04, .. Enumerable.Range(6, 9).Select(i => i / 100.0)], maximize.Bad.Select(c => c.Dropout));
        Assert.Equal([0.06, 0.07], minimize.Good.Select(c => c.Dropout));
    }

    private sealed class Tolerance(double within) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= within;

        public int GetHashCode(double obj) => 0;
    }
}
