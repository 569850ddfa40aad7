namespace SweepGrid.Contracts.Sweeps;

/// <summary>What a client sends to launch a sweep: the spec as written, so the silo validates exactly what the user wrote.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SweepLaunch(
    [property: Id(0)] string SpecYaml,
    [property: Id(1)] string? SourceName,
    [property: Id(2)] string? TraceParent = null);
