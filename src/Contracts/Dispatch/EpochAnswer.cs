namespace SweepGrid.Contracts.Dispatch;

[GenerateSerializer]
[Immutable]
public sealed record EpochAnswer([property: Id(0)] bool Stop, [property: Id(1)] string? Reason)
{
    public static readonly EpochAnswer Continue = new(false, null);
}
