using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Datasets;

/// <summary>
/// Reads a trial's dataset on a silo as its trial workers would, so that a launch can refuse data the cluster cannot read
/// before the sweep is stored, instead of running a sweep of failed trials. A stateless worker: it answers on the silo it is
/// called through (a client's gateway).
/// </summary>
public interface IDatasetProbeGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>What is wrong with <paramref name="config"/>'s dataset on this silo, or null when its workers can read it.</summary>
    Task<DatasetProblem?> Check(TrialConfig config);
}
