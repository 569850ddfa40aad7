using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Grains.Sweeps;

/// <summary>The sweep's view of one trial. Trial events are one-way messages and may arrive out of order,
/// so an event only moves the view forward: by attempt, then by how far the attempt got.</summary>
internal sealed record TrialView(TrialStatus Status, int Attempt, int Phase)
{
    public static readonly TrialView Pending = new(TrialStatus.Pending, 0, 0);

    public static int PhaseOf(SweepEventKind kind) => kind switch
    {
        SweepEventKind.TrialStarted => 1,
        SweepEventKind.EpochReported => 2,
        SweepEventKind.TrialRequeued or SweepEventKind.TrialPaused => 3,
        SweepEventKind.TrialFinished => 4,
        _ => 0,
    };

    /// <summary>How far a trial in this status has got, for a view read from its grain rather than told by an event.</summary>
    public static int PhaseOf(TrialStatus status) => status switch
    {
        TrialStatus.Running => 2,
        TrialStatus.Pending or TrialStatus.Paused => 3,
        _ => 4,
    };

    public bool IsOlderThan(int attempt, int phase) =>
        !Status.IsTerminal() && (attempt > Attempt || (attempt == Attempt && phase >= Phase));
}
