namespace SweepGrid.Contracts.Analysis;

/// <summary>One swept parameter's domain, as importance analysis sees it.</summary>
/// <param name="Min">The smallest value (numeric scales); ignored for <see cref="ImportanceScale.Categorical"/>.</param>
/// <param name="Max">The largest value (numeric scales), at least <paramref name="Min"/>.</param>
/// <param name="Choices">The choices of a categorical parameter, whose observations are their indices.</param>
/// <param name="Step">The spacing of a discrete parameter (1 for whole numbers), 0 for a real one.</param>
public sealed record ImportanceParameter(
    string Name,
    ImportanceScale Scale,
    double Min,
    double Max,
    IReadOnlyList<string>? Choices = null,
    double Step = 0)
{
    public static ImportanceParameter Real(string name, double min, double max) => new(name, ImportanceScale.Linear, min, max);

    public static ImportanceParameter LogReal(string name, double min, double max) => new(name, ImportanceScale.Log, min, max);

    public static ImportanceParameter Integer(string name, long min, long max, bool log = false) =>
        new(name, log ? ImportanceScale.Log : ImportanceScale.Linear, min, max, Step: 1);

    public static ImportanceParameter Categorical(string name, IReadOnlyList<string> choices) =>
        new(name, ImportanceScale.Categorical, 0, Math.Max(0, choices.Count - 1), choices);
}
