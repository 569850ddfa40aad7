using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Datasets;

/// <summary>Splits off validation deterministically by seed and normalizes every part with the training part's statistics.</summary>
public static class DatasetPreparer
{
    private const ulong SplitPurpose = 1;

    public static PreparedSplits Prepare(DatasetFiles files, DatasetOptions options, long splitSeed)
    {
        if (options.ValidationSplit is < 0 or >= 1 || double.IsNaN(options.ValidationSplit))
        {
            throw new TrainingConfigException("validation_split", options.ValidationSplit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "it must be at least 0 and below 1 (0.1 holds out 10 % of the training set)");
        }

        // The sources check this naming the file; any other DatasetFiles is held to it too.
        if ((files.Test.Channels, files.Test.Height, files.Test.Width) != (files.Train.Channels, files.Train.Height, files.Train.Width))
        {
            throw new DatasetFormatException(files.Name, null,
                $"its test images are {Shape(files.Test)} but its training images {Shape(files.Train)}: both parts must have one shape");
        }

        var train = options.TrainLimit is { } trainLimit ? files.Train.Take(trainLimit) : files.Train;
        var test = options.TestLimit is { } testLimit ? files.Test.Take(testLimit) : files.Test;

        var order = SeededShuffle.Permutation(train.Count, SeededShuffle.Derive(splitSeed, SplitPurpose));
        var validationCount = (int)Math.Round(train.Count * options.ValidationSplit);
        if (validationCount >= train.Count)
        {
            throw new TrainingConfigException("validation_split", options.ValidationSplit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"it leaves no training images out of {train.Count}");
        }

        var validation = train.Select(order[..validationCount]);
        var fit = train.Select(order[validationCount..]);

        var (mean, std) = options.Normalization == Normalization.Standardize
            ? ChannelStatistics(fit)
            : (Enumerable.Repeat(127.5f, fit.Channels).ToArray(), Enumerable.Repeat(127.5f, fit.Channels).ToArray());

        return new PreparedSplits(
            files.Name,
            Normalize(fit, mean, std), Widen(fit.Labels),
            Normalize(validation, mean, std), Widen(validation.Labels),
            Normalize(test, mean, std), Widen(test.Labels),
            fit.FeatureCount, files.ClassNames);
    }

    private static float[] Normalize(LabeledImages images, float[] mean, float[] std)
    {
        var result = new float[images.Pixels.Length];
        var plane = images.Height * images.Width;
        for (var i = 0; i < result.Length; i++)
        {
            var channel = i / plane % images.Channels;
            result[i] = (images.Pixels[i] - mean[channel]) / std[channel];
        }

        return result;
    }

    private static (float[] Mean, float[] Std) ChannelStatistics(LabeledImages images)
    {
        var sums = new double[images.Channels];
        var squares = new double[images.Channels];
        var plane = images.Height * images.Width;
        for (var i = 0; i < images.Pixels.Length; i++)
        {
            var channel = i / plane % images.Channels;
            double value = images.Pixels[i];
            sums[channel] += value;
            squares[channel] += value * value;
        }

        var perChannel = (double)images.Count * plane;
        var mean = new float[images.Channels];
        var std = new float[images.Channels];
        for (var c = 0; c < images.Channels; c++)
        {
            var m = sums[c] / perChannel;
            mean[c] = (float)m;
            std[c] = (float)Math.Max(Math.Sqrt(Math.Max(squares[c] / perChannel - m * m, 0)), 1e-6);
        }

        return (mean, std);
    }

    private static string Shape(LabeledImages images) => $"{images.Channels}x{images.Height}x{images.Width}";

    private static long[] Widen(byte[] labels) => Array.ConvertAll(labels, l => (long)l);
}
