using SweepGrid.Contracts.Parsing;
using SweepGrid.Contracts.Scheduling;
using SweepGrid.Contracts.Specs;

namespace SweepGrid.Contracts.Tests.Scheduling;

public sealed class EarlyTerminateSpecTests
{
    private const string Grid = """
        name: early
        training: {epochs: 9}
        parameters:
          optimizer: {values: [sgd, adam]}
          dropout: {values: [0.0, 0.2]}
        """;

    [Fact]
    public void Early_terminate_reads_with_wandbs_names_and_defaults()
    {
        Assert.Null(SweepSpecParser.Parse(Grid).EarlyTerminate);
        Assert.Equal(new EarlyStopSpec { Type = EarlyStopType.Asha, MinIter = 1, Eta = 3, Brackets = 1, Mode = RungMode.Promote },
            SweepSpecParser.Parse(Grid + "\nearly_terminate: {type: asha}").EarlyTerminate);
        Assert.Equal(new EarlyStopSpec { Type = EarlyStopType.Asha, MinIter = 2, Eta = 2, Mode = RungMode.Stop },
            SweepSpecParser.Parse(Grid + "\nearly_terminate: {type: asha, min_iter: 2, eta: 2, mode: stop}").EarlyTerminate);
        Assert.Equal(new EarlyStopSpec { Type = EarlyStopType.Hyperband, MinIter = 1, Eta = 3, Brackets = 2 },
            SweepSpecParser.Parse(Grid + "\nearly_terminate: {type: hyperband, min_iter: 1, eta: 3, brackets: 2}").EarlyTerminate);
        Assert.Equal(new EarlyStopSpec { Type = EarlyStopType.Median, MinIter = 2 },
            SweepSpecParser.Parse(Grid + "\nearly_terminate: {type: median, min_iter: 2}").EarlyTerminate);
    }

    [Fact]
    public void A_policy_makes_another_sweep_and_a_spec_without_one_keeps_its_id()
    {
        var plain = SweepSpecParser.Plan(Grid).SweepId;
        var asha = SweepSpecParser.Plan(Grid + "\nearly_terminate: {type: asha}").SweepId;
        var stop = SweepSpecParser.Plan(Grid + "\nearly_terminate: {type: asha, mode: stop}").SweepId;

        Assert.Equal(3, new[] { plain, asha, stop }.Distinct().Count());
        Assert.Equal(asha, SweepSpecParser.Plan(Grid + "\nearly_terminate:\n  type: asha\n  eta: 3").SweepId);
    }

    [Fact]
    public void The_policy_for_a_spec_is_built_from_it()
    {
        var spec = SweepSpecParser.Parse(Grid + "\nearly_terminate: {type: hyperband, min_iter: 1, eta: 3, brackets: 2}");
        var policy = Assert.IsType<AshaScheduler>(EarlyStopping.For(spec.EarlyTerminate, spec.Metric.Goal, spec.Metric.Name, spec.Base.Epochs));

        Assert.Equal([1, 3], policy.RungsOf(0));
        Assert.Equal([3], policy.RungsOf(1));
        Assert.IsType<MedianStopping>(EarlyStopping.For(new EarlyStopSpec { Type = EarlyStopType.Median }, MetricGoal.Maximize, "val_accuracy", 9));
        Assert.Null(EarlyStopping.For(null, MetricGoal.Maximize, "val_accuracy", 9));
    }
}
