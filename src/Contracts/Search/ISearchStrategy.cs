using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Search;

/// <summary>Turns a sweep's search space into its trials. Pure: the same spec always gives the same trials in the same order.</summary>
public interface ISearchStrategy
{
    /// <summary>Every configuration appears exactly once.</summary>
    IReadOnlyList<PlannedTrial> Expand(SweepSpec spec);
}
