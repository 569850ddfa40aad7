namespace SweepGrid.Storage.Tests;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();
}
