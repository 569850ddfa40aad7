namespace SweepGrid.Storage.Tests;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Count { get; set; }
}
