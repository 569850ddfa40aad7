namespace SweepGrid.Client.Dashboard.Api;

/// <summary>How much each varying parameter decides the sweep's metric (PED-ANOVA over the finished trials).</summary>
/// <param name="Note">Why nothing can be said yet (too few finished trials), else null.</param>
public sealed record ImportanceJson(string Metric, string Method, int Trials, IReadOnlyList<ImportanceEntryJson> Parameters, string? Note);
