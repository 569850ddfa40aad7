namespace SweepGrid.Trainer.Datasets;

/// <summary>CIFAR-10 binary version: data_batch_1..5.bin and test_batch.bin, 1 label byte + 3072 pixel bytes a record.</summary>
public sealed class Cifar10DatasetSource(string folder) : IDatasetSource
{
    public const int Side = 32;
    private const int PixelBytes = 3 * Side * Side;
    private const int RecordBytes = 1 + PixelBytes;

    public static readonly IReadOnlyList<string> DefaultClasses =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    public static readonly IReadOnlyList<string> TrainBatches =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    public const string TestBatch = "test_batch.bin";

    public string Name => "cifar10";

    /// <summary>The folder itself, or its cifar-10-batches-bin subfolder as the archive unpacks.</summary>
    public static string? Locate(string folder)
    {
        foreach (var candidate in new[] { folder, Path.Combine(folder, "cifar-10-batches-bin") })
        {
            if (File.Exists(Path.Combine(candidate, TrainBatches[0])))
            {
                return candidate;
            }
        }

        return null;
    }

    public DatasetFiles Load()
    {
        var classes = ReadClassNames();
        var train = Concat(TrainBatches.Select(b => ReadBatch(Path.Combine(folder, b), classes.Count)).ToList());
        var test = ReadBatch(Path.Combine(folder, TestBatch), classes.Count);
        return new DatasetFiles(Name, train, test, classes);
    }

    private IReadOnlyList<string> ReadClassNames()
    {
        var meta = Path.Combine(folder, "batches.meta.txt");
        if (!File.Exists(meta))
        {
            return DefaultClasses;
        }

        var names = Read(meta, File.ReadAllLines).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return names.Count == DefaultClasses.Count ? names : DefaultClasses;
    }

    private static LabeledImages ReadBatch(string path, int classCount)
    {
        if (!File.Exists(path))
        {
            throw new DatasetFormatException(path, null,
                $"file not found: a CIFAR-10 folder holds {string.Join(", ", TrainBatches)} and {TestBatch}");
        }

        var data = Read(path, File.ReadAllBytes);
        if (data.Length == 0 || data.Length % RecordBytes != 0)
        {
            var whole = data.Length / RecordBytes;
            throw new DatasetFormatException(path, (long)whole * RecordBytes,
                $"file is truncated or not a CIFAR-10 batch: {data.Length} bytes is not a whole number of {RecordBytes}-byte records (1 label byte + 3072 pixel bytes, one {Side}x{Side} colour image; batches of other image sizes are not CIFAR-10); the last whole record ends here");
        }

        var count = data.Length / RecordBytes;
        var pixels = new byte[count * PixelBytes];
        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var offset = i * RecordBytes;
            labels[i] = data[offset];
            if (labels[i] >= classCount)
            {
                throw new DatasetFormatException(path, offset,
                    $"label {labels[i]} of record {i} is out of range: labels must be 0 to {classCount - 1}");
            }

            Array.Copy(data, offset + 1, pixels, i * PixelBytes, PixelBytes);
        }

        return new LabeledImages(pixels, labels, 3, Side, Side);
    }

    private static T Read<T>(string path, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetFormatException(path, null, $"cannot be read ({e.Message})");
        }
    }

    private static LabeledImages Concat(IReadOnlyList<LabeledImages> parts)
    {
        var pixels = new byte[parts.Sum(p => p.Pixels.Length)];
        var labels = new byte[parts.Sum(p => p.Labels.Length)];
        int pixelAt = 0, labelAt = 0;
        foreach (var part in parts)
        {
            part.Pixels.CopyTo(pixels, pixelAt);
            part.Labels.CopyTo(labels, labelAt);
            pixelAt += part.Pixels.Length;
            labelAt += part.Labels.Length;
        }

        return new LabeledImages(pixels, labels, 3, Side, Side);
    }
}
