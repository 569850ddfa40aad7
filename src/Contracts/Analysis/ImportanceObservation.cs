namespace SweepGrid.Contracts.Analysis;

/// <summary>One finished trial: its parameter values (a categorical parameter's as the choice's index) and its objective.</summary>
public sealed record ImportanceObservation(IReadOnlyDictionary<string, double> Values, double Objective);
