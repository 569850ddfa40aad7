namespace SweepGrid.Trainer.Datasets;

/// <summary>MNIST-style folder: train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-… (each raw or .gz).</summary>
public sealed class IdxDatasetSource(string name, string folder, IReadOnlyList<string> classNames) : IDatasetSource
{
    public static readonly IReadOnlyList<string> FashionMnistClasses =
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ];

    public static readonly IReadOnlyList<string> DigitClasses = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    public string Name => name;

    public static bool LooksLikeIdxFolder(string folder) => Find(folder, "train-images-idx3-ubyte") is not null;

    public DatasetFiles Load()
    {
        var (train, trainImages) = ReadPart("train");
        var (test, testImages) = ReadPart("t10k");
        if ((test.Height, test.Width) != (train.Height, train.Width))
        {
            // Offset 8: the header's height; reshaped to the training size, these images would be garbage, not a test.
            throw new DatasetFormatException(testImages, 8,
                $"holds {test.Height}x{test.Width} images but {Path.GetFileName(trainImages)} holds {train.Height}x{train.Width}: the test images must have the training images' shape");
        }

        return new DatasetFiles(name, train, test, classNames);
    }

    private (LabeledImages Images, string ImagesPath) ReadPart(string prefix)
    {
        var imagesPath = Require(prefix + "-images-idx3-ubyte");
        var labelsPath = Require(prefix + "-labels-idx1-ubyte");
        var (pixels, count, height, width) = IdxReader.ReadImages(imagesPath);
        if (count == 0)
        {
            throw new DatasetFormatException(imagesPath, 4, "holds no images: a dataset needs at least one training and one test image");
        }

        var labels = IdxReader.ReadLabels(labelsPath, classNames.Count);
        if (labels.Length != count)
        {
            throw new DatasetFormatException(labelsPath, 4,
                $"holds {labels.Length} labels but {Path.GetFileName(imagesPath)} holds {count} images: the counts must match");
        }

        return (new LabeledImages(pixels, labels, 1, height, width), imagesPath);
    }

    private string Require(string stem) =>
        Find(folder, stem) ?? throw new DatasetFormatException(Path.Combine(folder, stem), null,
            $"file not found: expected {stem} or {stem}.gz in {folder}");

    private static string? Find(string folder, string stem)
    {
        foreach (var candidate in new[] { stem, stem + ".gz" })
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
