namespace SweepGrid.Contracts.Parsing;

public sealed record SpecParserOptions
{
    public static readonly SpecParserOptions Default = new();

    /// <summary>The most trials one sweep may expand to (a grid's size, or random search's count).</summary>
    public int MaxTrials { get; init; } = 10_000;
}
