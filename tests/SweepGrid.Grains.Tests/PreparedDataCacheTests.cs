using SweepGrid.Silo.Workers;
using SweepGrid.TestData;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Grains.Tests;

public sealed class PreparedDataCacheTests : IDisposable
{
    private readonly TempFolder _temp = new("sweepgrid-cache");

    private static TrialSpec SpecOf(string folder) => new() { Dataset = new DatasetOptions { Source = folder, ValidationSplit = 0.2 } };

    [Fact]
    public void A_failed_read_is_not_kept_so_a_dataset_folder_that_appears_later_is_read()
    {
        var folder = _temp.Combine("mounted-late");
        var cache = new PreparedDataCache();
        Assert.Throws<TrainingConfigException>(() => cache.Get(SpecOf(folder)));

        SyntheticImages.WriteIdxFolder(folder, trainCount: 20, testCount: 10);
        var data = cache.Get(SpecOf(folder));

        Assert.Equal((16, 4, 10), (data.TrainCount, data.ValidationCount, data.TestCount));
    }

    [Fact]
    public void A_successful_read_is_kept_for_the_next_trial()
    {
        var folder = SyntheticImages.WriteIdxFolder(_temp.Combine("digits"), trainCount: 20, testCount: 10);
        var cache = new PreparedDataCache();
        var first = cache.Get(SpecOf(folder));

        Directory.Delete(folder, recursive: true);

        Assert.Same(first, cache.Get(SpecOf(folder)));
    }

    public void Dispose() => _temp.Dispose();
}
