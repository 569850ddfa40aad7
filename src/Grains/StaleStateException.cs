namespace SweepGrid.Grains;

/// <summary>A grain's last state write failed, so it answers nothing until it has read its state again; callers retry.</summary>
[GenerateSerializer]
public sealed class StaleStateException : Exception
{
    public StaleStateException(string message)
        : base(message)
    {
    }
}
