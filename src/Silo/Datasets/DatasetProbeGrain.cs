using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using SweepGrid.Contracts.Datasets;
using SweepGrid.Contracts.Trials;
using SweepGrid.Silo.Workers;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Silo.Datasets;

/// <summary>Reads a dataset through this silo's <see cref="PreparedDataCache"/>, as its workers will: the trials that follow find it read.</summary>
[StatelessWorker]
public sealed class DatasetProbeGrain(PreparedDataCache data, IOptions<WorkerOptions> options, ILocalSiloDetails silo) : Grain, IDatasetProbeGrain
{
    public async Task<DatasetProblem?> Check(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (options.Value.Executor == WorkerExecutor.Fake)
        {
            // The stand-in trainer reads no data: any dataset will do.
            return null;
        }

        var spec = TrialSpecMapper.ToSpec(config, "cpu", 1, null);
        try
        {
            // Off the grain's scheduler: reading and normalizing a dataset takes seconds.
            await Task.Run(() => data.Get(spec));
            return null;
        }
        catch (Exception e) when (e is TrainingConfigException or DatasetFormatException or IOException or UnauthorizedAccessException)
        {
            return new DatasetProblem(spec.Dataset.Source, e.Message, silo.Name);
        }
    }
}
