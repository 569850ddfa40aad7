namespace SweepGrid.Grains.Tests.Faults;

/// <summary>What an injected fault does to the storage operation or grain call it hits.</summary>
public enum FaultKind
{
    /// <summary>Fails before the operation runs: a write that never happened, a request that never arrived.</summary>
    FailBefore,

    /// <summary>Runs the operation, then fails: a write that took effect unacknowledged, a reply that was lost.</summary>
    FailAfter,

    /// <summary>Runs the operation late.</summary>
    Delay,
}
