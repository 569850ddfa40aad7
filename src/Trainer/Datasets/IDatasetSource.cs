namespace SweepGrid.Trainer.Datasets;

/// <summary>Reads one dataset format from disk.</summary>
public interface IDatasetSource
{
    string Name { get; }

    DatasetFiles Load();
}
