namespace SweepGrid.Contracts.Analysis;

/// <summary>A parameter's share of the importance, the shares of one analysis summing to 1 (or all 0).</summary>
[GenerateSerializer]
[Immutable]
public sealed record ParameterImportance([property: Id(0)] string Name, [property: Id(1)] double Importance);
