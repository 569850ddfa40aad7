using SweepGrid.Contracts.Analysis;

namespace SweepGrid.Contracts.Tests.Analysis;

public sealed class PedAnovaImportanceTests
{
    private static readonly ImportanceParameter Decisive = ImportanceParameter.Real("decisive", 0, 1);
    private static readonly ImportanceParameter Noise = ImportanceParameter.Real("noise", 0, 1);

    /// <summary>
    /// Figures from Optuna 4.9.0's own PedAnovaImportanceEvaluator through get_param_importances (normalised), run by
    /// pedanova_fixture.py beside this file on the same 40 trials as <see cref="FixtureSweep"/>.
    /// </summary>
    [Theory]
    [InlineData(false, 1.0, 0.4175486956624877, 0.39470647473603604, 0.10619594172990636, 0.0815488878715699)]
    [InlineData(false, 0.5, 0.16043377726155925, 0.5690484460593297, 0.16466833469471193, 0.10584944198439905)]
    [InlineData(true, 1.0, 0.09637620986336855, 0.3150893298362521, 0.3098920093387905, 0.2786424509615888)]
    public void Matches_optuna_on_the_fixture_sweep(bool maximize, double region, double lr, double dropout, double layers, double optimizer)
    {
        var report = PedAnovaImportance.Evaluate(FixtureParameters, FixtureSweep(), maximize, 0.1, region);

        Assert.True(report.IsAvailable);
        var byName = report.Ranked.ToDictionary(r => r.Name, r => r.Importance);
        Assert.Equal(lr, byName["lr"], 1e-9);
        Assert.Equal(dropout, byName["dropout"], 1e-9);
        Assert.Equal(layers, byName["layers"], 1e-9);
        Assert.Equal(optimizer, byName["optimizer"], 1e-9);
        Assert.Equal(report.Ranked.OrderByDescending(r => r.Importance).Select(r => r.Name), report.Ranked.Select(r => r.Name));
    }

    [Fact]
    public void The_parameter_that_decides_the_objective_ranks_first_and_noise_is_near_zero()
    {
        var trials = Sweep(200, (d, n) => d);

        var report = PedAnovaImportance.Evaluate([Noise, Decisive], trials, maximize: false);

        Assert.Equal(["decisive", "noise"], report.Ranked.Select(r => r.Name));
        Assert.True(report.Ranked[0].Importance > 0.9, $"decisive {report.Ranked[0].Importance}");
        Assert.True(report.Ranked[1].Importance < 0.1, $"noise {report.Ranked[1].Importance}");
        Assert.Equal(1.0, report.Ranked.Sum(r => r.Importance), 1e-12);
    }

    [Fact]
    public void A_log_scaled_parameter_is_judged_on_its_logarithm()
    {
        // Learning rates log-uniform in [1e-5, 1], best near 1e-3, against a linear parameter x that costs steadily: in linear
        // terms every good rate sits in the first cell with most of the bad ones, so only the log view sees how narrow the
        // good region is. Figures from Optuna 4.9.0, by pedanova_fixture.py.
        var trials = Enumerable.Range(0, 200).Select(i =>
        {
            var (lr, x) = (1e-5 * Math.Pow(1e5, Fraction(i, Golden)), Fraction(i, Math.Sqrt(2)));
            return Observation(Math.Abs(Math.Log10(lr) + 3) + 2 * x, ("lr", lr), ("x", x));
        }).ToArray();
        var x = ImportanceParameter.Real("x", 0, 1);

        var logView = PedAnovaImportance.Evaluate([x, ImportanceParameter.LogReal("lr", 1e-5, 1)], trials, maximize: false);
        var linearView = PedAnovaImportance.Evaluate([x, ImportanceParameter.Real("lr", 1e-5, 1)], trials, maximize: false);

        Assert.Equal(["lr", "x"], logView.Ranked.Select(r => r.Name));
        Assert.Equal(0.5558299106998853, Share(logView, "lr"), 1e-9);
        Assert.Equal(["x", "lr"], linearView.Ranked.Select(r => r.Name));
        Assert.Equal(0.43082452066263155, Share(linearView, "lr"), 1e-9);
    }

    [Fact]
    public void A_categorical_choice_that_decides_the_objective_ranks_first()
    {
        // Every adam trial ties for best, so the best 10 % are all 30 of them, whatever their noise.
        var optimizer = ImportanceParameter.Categorical("optimizer", ["sgd", "adam", "rmsprop"]);
        var trials = Enumerable.Range(0, 90).Select(i =>
        {
            var choice = i % 3;
            return Observation(choice == 1 ? 0 : 1, ("optimizer", choice), ("noise", Fraction(i, Golden)));
        }).ToArray();

        var report = PedAnovaImportance.Evaluate([Noise, optimizer], trials, maximize: false);

        Assert.Equal("optimizer", report.Ranked[0].Name);
        Assert.True(report.Ranked[0].Importance > 0.8, $"optimizer {report.Ranked[0].Importance}");
    }

    [Fact]
    public void Maximizing_an_objective_is_minimizing_its_negation()
    {
        var trials = Sweep(120, (d, n) => Math.Sin(6 * d) + 0.3 * n);
        var negated = trials.Select(t => t with { Objective = -t.Objective }).ToArray();

        var maximized = PedAnovaImportance.Evaluate([Decisive, Noise], trials, maximize: true);
        var minimized = PedAnovaImportance.Evaluate([Decisive, Noise], negated, maximize: false);
        var minimizedOriginal = PedAnovaImportance.Evaluate([Decisive, Noise], trials, maximize: false);

        Assert.Equal(minimized.Ranked, maximized.Ranked);
        Assert.NotEqual(minimizedOriginal.Ranked, maximized.Ranked);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Too_few_trials_give_zeros_and_say_why(int count)
    {
        var report = PedAnovaImportance.Evaluate([Decisive, Noise], Sweep(count, (d, n) => d), maximize: false);

        Assert.False(report.IsAvailable);
        Assert.Contains("at least 3", report.Reason);
        Assert.All(report.Ranked, r => Assert.Equal(0, r.Importance));
        Assert.Equal(["decisive", "noise"], report.Ranked.Select(r => r.Name));
    }

    [Fact]
    public void Trials_without_a_finite_objective_or_a_value_for_every_parameter_are_left_out()
    {
        var trials = Sweep(60, (d, n) => d);
        ImportanceObservation[] broken =
        [
            Observation(double.NaN, ("decisive", 0.99), ("noise", 0.5)),
            Observation(double.NegativeInfinity, ("decisive", 0.98), ("noise", 0.5)),
            Observation(-100, ("decisive", 0.97)),
            Observation(-100, ("decisive", 0.96), ("noise", double.NaN)),
        ];

        var clean = PedAnovaImportance.Evaluate([Decisive, Noise], trials, maximize: false);
        var withBroken = PedAnovaImportance.Evaluate([Decisive, Noise], [.. trials, .. broken], maximize: false);
        var onlyTwoUsable = PedAnovaImportance.Evaluate([Decisive, Noise], [.. trials.Take(2), .. broken], maximize: false);

        Assert.Equal(clean.Ranked, withBroken.Ranked);
        Assert.False(onlyTwoUsable.IsAvailable);
    }

    [Fact]
    public void The_result_does_not_depend_on_the_order_of_the_trials()
    {
        var trials = FixtureSweep();

        var first = PedAnovaImportance.Evaluate(FixtureParameters, trials, maximize: false);
        var again = PedAnovaImportance.Evaluate(FixtureParameters, trials, maximize: false);
        var reversed = PedAnovaImportance.Evaluate(FixtureParameters, [.. trials.Reverse()], maximize: false);

        Assert.Equal(first.Ranked, again.Ranked);
        Assert.Equal(first.Ranked.Select(r => r.Name), reversed.Ranked.Select(r => r.Name));
        Assert.All(first.Ranked.Zip(reversed.Ranked), pair => Assert.Equal(pair.First.Importance, pair.Second.Importance, 1e-12));
    }

    [Fact]
    public void A_parameter_that_never_varies_gets_zero()
    {
        var fixedRate = ImportanceParameter.Real("fixed", 0, 1);
        var pinned = ImportanceParameter.Real("pinned", 0.5, 0.5);
        var trials = Sweep(60, (d, n) => d)
            .Select(t => t with { Values = new Dictionary<string, double>(t.Values) { ["fixed"] = 0.3, ["pinned"] = 0.5 } })
            .ToArray();

        var report = PedAnovaImportance.Evaluate([fixedRate, pinned, Decisive, Noise], trials, maximize: false);

        Assert.True(report.IsAvailable);
        Assert.Equal(0, Share(report, "fixed"));
        Assert.Equal(0, Share(report, "pinned"));
        Assert.True(Share(report, "decisive") > 0.9);
    }

    [Fact]
    public void Tied_objectives_say_nothing()
    {
        var report = PedAnovaImportance.Evaluate([Decisive, Noise], Sweep(50, (d, n) => 1.0), maximize: false);

        Assert.False(report.IsAvailable);
        Assert.All(report.Ranked, r => Assert.Equal(0, r.Importance));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.5)]
    [InlineData(0.1, 1.5)]
    public void Quantiles_must_satisfy_zero_below_target_below_region_up_to_one(double target, double region)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PedAnovaImportance.Evaluate([Decisive], Sweep(10, (d, n) => d), false, target, region));
    }

    [Theory]
    [InlineData(ImportanceScale.Linear, 1.0, 0.0)]
    [InlineData(ImportanceScale.Log, 0.0, 1.0)]
    public void A_parameter_without_a_valid_domain_is_refused(ImportanceScale scale, double min, double max)
    {
        var broken = new ImportanceParameter("broken", scale, min, max);

        var error = Assert.Throws<ArgumentException>(() => PedAnovaImportance.Evaluate([broken], Sweep(10, (d, n) => d), false));
        Assert.Contains("'broken'", error.Message);
    }

    private static readonly double Golden = (1 + Math.Sqrt(5)) / 2;

    private static readonly ImportanceParameter[] FixtureParameters =
    [
        ImportanceParameter.LogReal("lr", 1e-4, 1e-1),
        ImportanceParameter.Real("dropout", 0, 0.5),
        ImportanceParameter.Integer("layers", 1, 4),
        ImportanceParameter.Categorical("optimizer", ["sgd", "adam", "rmsprop"]),
    ];

    /// <summary>The 40 trials of pedanova_fixture.py: modular sweeps over each domain, best near lr 10^−2.5 with adam.</summary>
    private static ImportanceObservation[] FixtureSweep() => [.. Enumerable.Range(0, 40).Select(i =>
    {
        var lr = 1e-4 * Math.Pow(1000, i * 7 % 40 / 39.0);
        var dropout = i * 13 % 40 / 39.0 * 0.5;
        var layers = 1 + i * 3 % 4;
        var optimizer = i * 5 % 3;
        var objective = Math.Pow(Math.Log10(lr) + 2.5, 2) + 0.1 * dropout + (optimizer == 1 ? 0 : 0.3) + 0.05 * layers;
        return Observation(objective, ("lr", lr), ("dropout", dropout), ("layers", layers), ("optimizer", optimizer));
    })];

    /// <summary>Low-discrepancy values of two independent parameters in [0, 1], and their objective.</summary>
    private static ImportanceObservation[] Sweep(int count, Func<double, double, double> objective) => [.. Enumerable.Range(0, count).Select(i =>
    {
        var (decisive, noise) = (Fraction(i, Golden), Fraction(i, Math.Sqrt(2)));
        return Observation(objective(decisive, noise), ("decisive", decisive), ("noise", noise));
    })];

    private static double Fraction(int i, double irrational) => (i + 0.5) * irrational % 1;

    private static ImportanceObservation Observation(double objective, params (string Name, double Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => v.Value), objective);

    private static double Share(ImportanceReport report, string name) => report.Ranked.Single(r => r.Name == name).Importance;
}
