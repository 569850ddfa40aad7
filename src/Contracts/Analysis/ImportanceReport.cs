namespace SweepGrid.Contracts.Analysis;

/// <summary>
/// Every parameter's importance, most important first; when the trials say nothing (too few, or the best ones no
/// different from the rest) every importance is 0 and <see cref="Reason"/> says why, for the dashboard to show.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ImportanceReport(
    [property: Id(0)] IReadOnlyList<ParameterImportance> Ranked,
    [property: Id(1)] string? Reason = null)
{
    public bool IsAvailable => Reason is null;
}
