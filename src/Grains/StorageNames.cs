namespace SweepGrid.Grains;

public static class StorageNames
{
    /// <summary>The grain storage every SweepGrid grain persists to: SQLite embedded, Redis in a cluster.</summary>
    public const string Default = "sweepgrid";
}
