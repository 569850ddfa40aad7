namespace SweepGrid.Contracts.Scheduling;

/// <summary>Where a trial stands for its sweep's early-stopping policy.</summary>
public enum ProgressState
{
    /// <summary>Queued or training, towards its <see cref="TrialProgress.Target"/> epoch.</summary>
    Running,
    /// <summary>Stopped at a rung, its checkpoint kept, waiting to be promoted (ASHA's promote mode).</summary>
    Paused,
    Completed,
    Pruned,
    /// <summary>Failed or diverged: it ranks nowhere.</summary>
    Failed,
}

/// <summary>
/// One trial as an early-stopping policy sees it: the sweep metric's value after each epoch it trained
/// (<see cref="Values"/>[0] is epoch 1's), its bracket (Hyperband; 0 otherwise) and the epoch it may train up to before
/// the policy is asked again (its rung, or its last epoch).
/// </summary>
public sealed record TrialProgress(string TrialId, ProgressState State, IReadOnlyList<double> Values, int Target, int Bracket = 0)
{
    public int Epochs => Values.Count;
}

/// <summary>What a trial does after the epoch it just reported.</summary>
[GenerateSerializer]
public enum EpochAction
{
    Continue,
    /// <summary>It ends, pruned: an outcome, not a failure.</summary>
    Stop,
    /// <summary>It pauses at its rung, frees its slot, and waits to be promoted.</summary>
    Pause,
}

[GenerateSerializer]
[Immutable]
public readonly record struct EpochVerdict([property: Id(0)] EpochAction Action, [property: Id(1)] string? Reason = null)
{
    public static EpochVerdict Continue { get; } = new(EpochAction.Continue);
}

/// <summary>A paused trial to resume, training from its checkpoint up to <paramref name="Target"/>.</summary>
public sealed record Promotion(string TrialId, int Target, string Reason);
