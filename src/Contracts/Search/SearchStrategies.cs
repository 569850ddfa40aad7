using SweepGrid.Contracts.Specs;

namespace SweepGrid.Contracts.Search;

public static class SearchStrategies
{
    /// <summary>The strategy that expands a spec's <c>method</c> into its list of trials; tpe has no such list.</summary>
    /// <exception cref="ArgumentException">For method tpe, whose trials depend on the results of the earlier ones.</exception>
    public static ISearchStrategy For(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Method switch
        {
            SearchMethod.Random => new RandomSearch(),
            SearchMethod.Tpe => throw new ArgumentException(
                "method tpe is adaptive and has no list of trials to expand: ask SearchStrategies.Searcher(spec) for suggestions as trials finish", nameof(spec)),
            _ => new GridSearch(),
        };
    }

    /// <summary>What a sweep asks for its next trials: the expanded list in order for grid and random, TPE for tpe.</summary>
    public static ISearcher Searcher(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Method == SearchMethod.Tpe ? new TpeSearch(spec) : new ListedSearch(For(spec).Expand(spec));
    }
}
