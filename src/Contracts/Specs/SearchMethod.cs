namespace SweepGrid.Contracts.Specs;

public enum SearchMethod
{
    Grid,
    Random,
}
