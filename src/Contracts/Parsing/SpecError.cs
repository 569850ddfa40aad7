namespace SweepGrid.Contracts.Parsing;

/// <summary>One thing wrong with a spec, with what a user needs to fix it.</summary>
/// <param name="Path">The field, e.g. parameters.learning_rate.values[2]; "(yaml)" for a syntax error.</param>
/// <param name="Problem">What is wrong, naming the bad value.</param>
/// <param name="Allowed">What would be accepted there.</param>
/// <param name="Line">1-based line of the offending node.</param>
/// <param name="Column">1-based column of the offending node.</param>
public sealed record SpecError(string Path, string Problem, string Allowed, int Line, int Column)
{
    /// <summary>The offending value as written, when there is one.</summary>
    public string? Value { get; init; }

    /// <summary>The allowed name closest to a misspelt one.</summary>
    public string? Suggestion { get; init; }

    /// <summary>One line: <c>spec.yaml:7:32: parameters.learning_rate.values[2]: -0.01 is out of range; allowed: a number above 0</c>.</summary>
    public string Format(string? sourceName)
    {
        var suggestion = Suggestion is null ? "" : $"; did you mean '{Suggestion}'?";
        return $"{sourceName ?? "spec"}:{Line}:{Column}: {Path}: {Problem}; allowed: {Allowed}{suggestion}";
    }

    public override string ToString() => Format(null);
}
