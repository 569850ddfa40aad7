using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Tests.Datasets;

public sealed class DatasetPreparerTests
{
    private static DatasetFiles Files(int trainCount, int channels = 1)
    {
        var pixels = new byte[trainCount * channels * 4];
        var labels = new byte[trainCount];
        for (var i = 0; i < trainCount; i++)
        {
            labels[i] = (byte)(i % 3);
            for (var p = 0; p < channels * 4; p++)
            {
                // The first pixel of each image encodes its index, so tests can tell images apart.
                pixels[i * channels * 4 + p] = p == 0 ? (byte)i : (byte)(p * 40 + i % 7);
            }
        }

        var train = new LabeledImages(pixels, labels, channels, 2, 2);
        return new DatasetFiles("test", train, train.Take(10), ["a", "b", "c"]);
    }

    private static HashSet<float> FirstPixels(float[] features, int count, int featureCount) =>
        Enumerable.Range(0, count).Select(i => features[i * featureCount]).ToHashSet();

    [Fact]
    public void Split_holds_out_the_requested_share_disjointly_and_the_same_way_for_the_same_seed()
    {
        var files = Files(200);
        var options = new DatasetOptions { ValidationSplit = 0.1 };
        var first = DatasetPreparer.Prepare(files, options, splitSeed: 7);
        var again = DatasetPreparer.Prepare(files, options, splitSeed: 7);
        var other = DatasetPreparer.Prepare(files, options, splitSeed: 8);

        Assert.Equal(20, first.ValidationCount);
        Assert.Equal(180, first.TrainCount);
        var validation = FirstPixels(first.ValidationFeatures, 20, 4);
        var train = FirstPixels(first.TrainFeatures, 180, 4);
        Assert.Empty(validation.Intersect(train));
        Assert.Equal(200, validation.Union(train).Count());
        Assert.Equal(first.ValidationFeatures, again.ValidationFeatures);
        Assert.Equal(first.TrainLabels, again.TrainLabels);
        Assert.NotEqual(validation, FirstPixels(other.ValidationFeatures, 20, 4));
    }

    [Fact]
    public void Pixels_scale_to_minus_one_to_one()
    {
        var images = new LabeledImages([0, 255, 128, 64], [0], 1, 2, 2);
        var files = new DatasetFiles("t", new LabeledImages([0, 255, 128, 64, 0, 0, 0, 0], [0, 1], 1, 2, 2), images, ["a", "b"]);
        var prepared = DatasetPreparer.Prepare(files, new DatasetOptions { ValidationSplit = 0 }, 1);

        float[] expected = [-1f, 1f, 128 / 127.5f - 1, 64 / 127.5f - 1];
        Assert.Equal(expected.Length, prepared.TestFeatures.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], prepared.TestFeatures[i], 6);
        }
    }

    [Fact]
    public void Standardize_gives_each_channel_of_the_training_part_zero_mean_and_unit_deviation()
    {
        var prepared = DatasetPreparer.Prepare(Files(90, channels: 3), new DatasetOptions { ValidationSplit = 0.2, Normalization = Normalization.Standardize }, 3);
        for (var channel = 0; channel < 3; channel++)
        {
            var values = Enumerable.Range(0, prepared.TrainCount)
                .SelectMany(i => Enumerable.Range(0, 4).Select(p => (double)prepared.TrainFeatures[i * 12 + channel * 4 + p])).ToList();
            var mean = values.Average();
            var std = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
            Assert.Equal(0, mean, 4);
            Assert.Equal(1, std, 4);
        }
    }

    [Fact]
    public void Train_and_test_images_of_different_shapes_are_refused()
    {
        var train = new LabeledImages(new byte[3 * 4], [0, 1, 2], 1, 2, 2);
        var test = new LabeledImages(new byte[2 * 9], [0, 1], 1, 3, 3);

        var error = Assert.Throws<DatasetFormatException>(() =>
            DatasetPreparer.Prepare(new DatasetFiles("odd", train, test, ["a", "b", "c"]), new DatasetOptions { ValidationSplit = 0 }, 1));
        Assert.Equal("odd", error.File);
        Assert.Contains("test images are 1x3x3 but its training images 1x2x2", error.Message);
    }

    [Fact]
    public void Limits_take_the_first_images_before_splitting()
    {
        var prepared = DatasetPreparer.Prepare(Files(200), new DatasetOptions { TrainLimit = 50, TestLimit = 4, ValidationSplit = 0.2 }, 1);
        Assert.Equal(40, prepared.TrainCount);
        Assert.Equal(10, prepared.ValidationCount);
        Assert.Equal(4, prepared.TestCount);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void Validation_split_outside_zero_to_one_is_refused(double split)
    {
        var error = Assert.Throws<TrainingConfigException>(() => DatasetPreparer.Prepare(Files(10), new DatasetOptions { ValidationSplit = split }, 1));
        Assert.Equal("validation_split", error.Field);
    }
}
