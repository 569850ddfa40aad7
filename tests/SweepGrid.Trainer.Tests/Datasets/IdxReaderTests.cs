using SweepGrid.TestData;
using SweepGrid.Trainer.Datasets;

namespace SweepGrid.Trainer.Tests.Datasets;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reads_gzip_and_raw_folders_alike(bool gzip)
    {
        var folder = SyntheticImages.WriteIdxFolder(_temp.Combine("idx"), trainCount: 30, testCount: 12, gzip: gzip);
        var files = new IdxDatasetSource("digits", folder, IdxDatasetSource.DigitClasses).Load();

        var (pixels, labels) = SyntheticImages.Make(30, 1, 28, 10, seed: 1);
        Assert.Equal(pixels, files.Train.Pixels);
        Assert.Equal(labels, files.Train.Labels);
        Assert.Equal(12, files.Test.Count);
        Assert.Equal((1, 28, 28), (files.Train.Channels, files.Train.Height, files.Train.Width));
    }

    [Fact]
    public void Wrong_magic_names_the_file_offset_and_expected_magic()
    {
        var path = _temp.Combine("images");
        var data = SyntheticImages.IdxImages(new byte[4 * 28 * 28], 4, 28);
        data[3] = 0x01;
        File.WriteAllBytes(path, data);

        var error = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, error.File);
        Assert.Equal(0, error.Offset);
        Assert.Contains("0x00000803", error.Message);
        Assert.Contains("0x00000801", error.Message);
    }

    [Fact]
    public void Truncated_images_report_where_the_data_ends_and_how_much_was_promised()
    {
        var path = _temp.Combine("images");
        var data = SyntheticImages.IdxImages(new byte[10 * 28 * 28], 10, 28);
        File.WriteAllBytes(path, data[..(16 + 5 * 28 * 28 + 7)]);

        var error = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadImages(path));
        Assert.Equal(16 + 5 * 28 * 28 + 7, error.Offset);
        Assert.Contains("10 images", error.Message);
        Assert.Contains((16 + 10 * 28 * 28).ToString(), error.Message);
    }

    [Fact]
    public void Truncated_gzip_stream_is_a_format_error_not_a_crash()
    {
        var folder = SyntheticImages.WriteIdxFolder(_temp.Combine("idx"), trainCount: 50, testCount: 10);
        var path = Path.Combine(folder, "train-images-idx3-ubyte.gz");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, error.File);
        Assert.NotNull(error.Offset);
    }

    [Fact]
    public void Label_out_of_range_names_its_offset_and_the_allowed_range()
    {
        var path = _temp.Combine("labels");
        File.WriteAllBytes(path, SyntheticImages.IdxLabels([1, 2, 3, 12, 4]));

        var error = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadLabels(path, 10));
        Assert.Equal(8 + 3, error.Offset);
        Assert.Contains("label 12", error.Message);
        Assert.Contains("0 to 9", error.Message);
    }

    [Fact]
    public void Missing_file_names_what_was_expected()
    {
        var folder = SyntheticImages.WriteIdxFolder(_temp.Combine("idx"), trainCount: 10, testCount: 10);
        File.Delete(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"));

        var error = Assert.Throws<DatasetFormatException>(() => new IdxDatasetSource("x", folder, IdxDatasetSource.DigitClasses).Load());
        Assert.Null(error.Offset);
        Assert.Contains("t10k-labels-idx1-ubyte", error.Message);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void Image_and_label_counts_must_match()
    {
        var folder = SyntheticImages.WriteIdxFolder(_temp.Combine("idx"), trainCount: 20, testCount: 10, gzip: false);
        File.WriteAllBytes(Path.Combine(folder, "train-labels-idx1-ubyte"), SyntheticImages.IdxLabels(new byte[19]));

        var error = Assert.Throws<DatasetFormatException>(() => new IdxDatasetSource("x", folder, IdxDatasetSource.DigitClasses).Load());
        Assert.EndsWith("train-labels-idx1-ubyte", error.File);
        Assert.Contains("19 labels", error.Message);
        Assert.Contains("20 images", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Test_images_of_another_size_than_the_training_images_are_refused_naming_both_files(bool gzip)
    {
        var folder = SyntheticImages.WriteIdxFolder(_temp.Combine("idx"), trainCount: 20, testCount: 10, gzip: gzip, side: 28, testSide: 32);

        var error = Assert.Throws<DatasetFormatException>(() => new IdxDatasetSource("x", folder, IdxDatasetSource.DigitClasses).Load());
        Assert.EndsWith("t10k-images-idx3-ubyte" + (gzip ? ".gz" : ""), error.File);
        Assert.Contains("32x32 images but train-images-idx3-ubyte", error.Message);
        Assert.Contains("28x28", error.Message);
    }

    [Fact]
    public void A_part_without_images_is_refused()
    {
        var folder = SyntheticImages.WriteIdxFolder(_temp.Combine("idx"), trainCount: 20, testCount: 0, gzip: false);

        var error = Assert.Throws<DatasetFormatException>(() => new IdxDatasetSource("x", folder, IdxDatasetSource.DigitClasses).Load());
        Assert.EndsWith("t10k-images-idx3-ubyte", error.File);
        Assert.Contains("holds no images", error.Message);
    }

    [Fact]
    public void A_gzip_file_that_inflates_past_its_header_is_refused_at_the_declared_end()
    {
        // 10 images of 28x28 declared, followed by 64 MB of zeros: a few kilobytes on disk, as a gzip bomb is.
        var path = _temp.Combine("images.gz");
        var header = SyntheticImages.IdxImages(new byte[10 * 28 * 28], 10, 28);
        using (var file = File.Create(path))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(header);
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(zeros);
            }
        }

        var error = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, error.File);
        Assert.Equal(16 + 10 * 28 * 28, error.Offset);
        Assert.Contains("more data than its header declares: 10 images of 28x28", error.Message);
    }

    [Fact]
    public void A_raw_file_longer_than_its_header_declares_is_refused()
    {
        var path = _temp.Combine("labels");
        File.WriteAllBytes(path, [.. SyntheticImages.IdxLabels([1, 2, 3]), 4, 5]);

        var error = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadLabels(path, 10));
        Assert.Equal(8 + 3, error.Offset);
        Assert.Contains("more data than its header declares: 3 labels", error.Message);
    }

    [Theory]
    [InlineData(int.MaxValue, 28, "more than the 2,147,483,591 bytes one dataset file may hold")]
    [InlineData(60_000, 1 << 20, "more than the 2,147,483,591 bytes one dataset file may hold")]
    [InlineData(10, 0, "dimension 1 is 0")]
    public void A_header_declaring_an_impossible_shape_is_refused_before_its_data_is_read(int count, int side, string fragment)
    {
        // A gzip stream of nothing but the header: the old reader would have inflated it all, then reported a short file.
        var path = _temp.Combine("images");
        SyntheticImages.Write(path, SyntheticImages.IdxImages([], count, side), gzip: true);

        var error = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadImages(path + ".gz"));
        Assert.Equal(path + ".gz", error.File);
        Assert.Contains(fragment, error.Message);
    }

    public void Dispose() => _temp.Dispose();
}
