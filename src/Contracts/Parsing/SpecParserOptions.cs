namespace SweepGrid.Contracts.Parsing;

public sealed record SpecParserOptions
{
    public static readonly SpecParserOptions Default = new();

    /// <summary>The most trials one sweep may expand to (a grid's size, or random search's count).</summary>
    public int MaxTrials { get; init; } = 10_000;

    /// <summary>The longest spec text, in characters (a spec file may hold as many bytes); a real spec is a few hundred.</summary>
    public int MaxLength { get; init; } = 1 << 20;

    /// <summary>How deep mappings and lists may nest; a spec needs four or five levels.</summary>
    public int MaxDepth { get; init; } = 64;
}
