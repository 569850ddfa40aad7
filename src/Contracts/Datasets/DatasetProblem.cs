namespace SweepGrid.Contracts.Datasets;

/// <summary>Why a silo cannot read a dataset.</summary>
/// <param name="Dataset">The dataset as the spec names it (a name or a folder).</param>
/// <param name="Problem">The trainer's message: the file, what is wrong and what is allowed.</param>
/// <param name="Silo">The silo that tried.</param>
[GenerateSerializer]
[Immutable]
public sealed record DatasetProblem(
    [property: Id(0)] string Dataset,
    [property: Id(1)] string Problem,
    [property: Id(2)] string Silo);
