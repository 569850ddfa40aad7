using SweepGrid.Contracts.Specs;

namespace SweepGrid.Contracts.Search;

public static class SearchStrategies
{
    /// <summary>The strategy a spec's <c>method</c> names.</summary>
    public static ISearchStrategy For(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Method switch
        {
            SearchMethod.Random => new RandomSearch(),
            _ => new GridSearch(),
        };
    }
}
