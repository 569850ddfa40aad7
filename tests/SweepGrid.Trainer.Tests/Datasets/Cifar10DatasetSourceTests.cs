using SweepGrid.TestData;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Tests.Datasets;

public sealed class Cifar10DatasetSourceTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void Reads_five_training_batches_and_the_test_batch_in_order()
    {
        var folder = SyntheticImages.WriteCifarFolder(_temp.Combine("cifar"), perBatch: 12, testCount: 7);
        var files = new Cifar10DatasetSource(folder).Load();

        Assert.Equal(60, files.Train.Count);
        Assert.Equal(7, files.Test.Count);
        Assert.Equal((3, 32, 32), (files.Train.Channels, files.Train.Height, files.Train.Width));
        var third = SyntheticImages.Make(12, 3, 32, 10, seed: 3);
        Assert.Equal(third.Pixels, files.Train.Pixels.AsSpan(2 * 12 * 3072, 12 * 3072).ToArray());
        Assert.Equal(third.Labels, files.Train.Labels[24..36]);
        Assert.Equal("truck", files.ClassNames[9]);
    }

    [Fact]
    public void Resolver_finds_the_batches_inside_the_archive_folder()
    {
        SyntheticImages.WriteCifarFolder(_temp.Combine("download", "cifar-10-batches-bin"), perBatch: 2, testCount: 2);
        var source = DatasetResolver.Resolve(_temp.Combine("download"));
        Assert.Equal("cifar10", source.Name);
        Assert.Equal(10, source.Load().Train.Count);
    }

    [Fact]
    public void Truncated_batch_reports_the_end_of_the_last_whole_record()
    {
        var folder = SyntheticImages.WriteCifarFolder(_temp.Combine("cifar"), perBatch: 5, testCount: 5);
        var path = Path.Combine(folder, "data_batch_4.bin");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..(3 * 3073 + 100)]);

        var error = Assert.Throws<DatasetFormatException>(() => new Cifar10DatasetSource(folder).Load());
        Assert.Equal(path, error.File);
        Assert.Equal(3 * 3073, error.Offset);
        Assert.Contains("3073-byte records", error.Message);
    }

    [Fact]
    public void Label_out_of_range_names_record_and_offset()
    {
        var folder = SyntheticImages.WriteCifarFolder(_temp.Combine("cifar"), perBatch: 5, testCount: 5);
        var path = Path.Combine(folder, "test_batch.bin");
        var bytes = File.ReadAllBytes(path);
        bytes[2 * 3073] = 10;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<DatasetFormatException>(() => new Cifar10DatasetSource(folder).Load());
        Assert.Equal(2 * 3073, error.Offset);
        Assert.Contains("record 2", error.Message);
        Assert.Contains("0 to 9", error.Message);
    }

    [Fact]
    public void Missing_batch_lists_the_expected_files()
    {
        var folder = SyntheticImages.WriteCifarFolder(_temp.Combine("cifar"), perBatch: 2, testCount: 2);
        File.Delete(Path.Combine(folder, "test_batch.bin"));

        var error = Assert.Throws<DatasetFormatException>(() => new Cifar10DatasetSource(folder).Load());
        Assert.Contains("test_batch.bin", error.Message);
        Assert.Contains("data_batch_1.bin", error.Message);
    }

    [Fact]
    public void A_folder_of_neither_format_is_a_config_error_listing_both()
    {
        Directory.CreateDirectory(_temp.Combine("empty"));
        var error = Assert.Throws<TrainingConfigException>(() => DatasetResolver.Resolve(_temp.Combine("empty")));
        Assert.Contains("IDX", error.Message);
        Assert.Contains("CIFAR-10", error.Message);
    }

    [Fact]
    public void A_test_batch_of_larger_images_is_refused_naming_the_record_size()
    {
        var folder = SyntheticImages.WriteCifarFolder(_temp.Combine("cifar"), perBatch: 4, testCount: 4);
        // Four records of 64x64 colour images (1 + 12,288 bytes each), as a batch of another dataset would be.
        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), new byte[4 * (1 + 3 * 64 * 64)]);

        var error = Assert.Throws<DatasetFormatException>(() => new Cifar10DatasetSource(folder).Load());
        Assert.EndsWith("test_batch.bin", error.File);
        Assert.Contains("one 32x32 colour image", error.Message);
    }

    public void Dispose() => _temp.Dispose();
}
