namespace SweepGrid.Contracts.Sweeps;

/// <summary>Every sweep ever launched on this cluster, for <c>sweepgrid list</c>.</summary>
public interface ISweepRegistryGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Records a sweep; registering it again changes nothing.</summary>
    Task Register(SweepSummary sweep);

    /// <summary>Sweeps, the most recently launched first.</summary>
    Task<IReadOnlyList<SweepSummary>> List();
}
