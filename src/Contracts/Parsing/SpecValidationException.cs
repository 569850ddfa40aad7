namespace SweepGrid.Contracts.Parsing;

/// <summary>A spec that cannot be run, with every error found in it (not only the first), in document order.</summary>
public sealed class SpecValidationException : Exception
{
    public SpecValidationException(string? sourceName, IReadOnlyList<SpecError> errors)
        : base(Describe(sourceName, errors))
    {
        SourceName = sourceName;
        Errors = errors;
    }

    public string? SourceName { get; }

    public IReadOnlyList<SpecError> Errors { get; }

    private static string Describe(string? sourceName, IReadOnlyList<SpecError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var heading = $"{sourceName ?? "the sweep spec"} has {errors.Count} {(errors.Count == 1 ? "error" : "errors")}:";
        return string.Join('\n', errors.Select(e => e.Format(sourceName)).Prepend(heading));
    }
}
