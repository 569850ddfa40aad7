namespace SweepGrid.Trainer.Runner;

/// <summary>What the epoch callback answers: go on, or stop here (cancelled, or pruned by an early-stopping rule).</summary>
public sealed record EpochDirective(bool Stop, string? Reason = null)
{
    public static readonly EpochDirective Continue = new(false);

    public static EpochDirective StopWith(string reason) => new(true, reason);
}
