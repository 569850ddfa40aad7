namespace SweepGrid.Contracts.Specs;

public enum SearchMethod
{
    Grid,
    Random,

    /// <summary>Tree-structured Parzen Estimator: adaptive, each trial chosen from the results so far (spec alias: bayes).</summary>
    Tpe,
}
