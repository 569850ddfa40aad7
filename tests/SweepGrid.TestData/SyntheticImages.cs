using System.Buffers.Binary;
using System.IO.Compression;

namespace SweepGrid.TestData;

/// <summary>
/// Writes small learnable datasets in the real on-disk formats: each class lights a different block of the
/// image over random noise, so a model can reach high accuracy in a few epochs.
/// </summary>
public static class SyntheticImages
{
    public static (byte[] Pixels, byte[] Labels) Make(int count, int channels, int side, int classes, int seed)
    {
        var random = new Random(seed);
        var plane = side * side;
        var pixels = new byte[count * channels * plane];
        var labels = new byte[count];
        var block = Math.Max(2, side / 4);
        for (var i = 0; i < count; i++)
        {
            var label = (byte)(i % classes);
            labels[i] = label;
            var row = label / 4 % 4 * block;
            var column = label % 4 * block;
            for (var c = 0; c < channels; c++)
            {
                for (var y = 0; y < side; y++)
                {
                    for (var x = 0; x < side; x++)
                    {
                        var lit = y >= row && y < row + block && x >= column && x < column + block;
                        var value = lit ? 170 + random.Next(86) : random.Next(110);
                        pixels[i * channels * plane + c * plane + y * side + x] = (byte)value;
                    }
                }
            }
        }

        return (pixels, labels);
    }

    /// <summary>An MNIST-style folder: train-/t10k- images and labels, gzip-compressed or raw; <paramref name="testSide"/>
    /// gives the test images another size than the training images'.</summary>
    public static string WriteIdxFolder(string folder, int trainCount = 600, int testCount = 200, bool gzip = true, int side = 28, int seed = 1, int? testSide = null)
    {
        Directory.CreateDirectory(folder);
        foreach (var (prefix, count, partSeed, partSide) in new[] { ("train", trainCount, seed, side), ("t10k", testCount, seed + 1000, testSide ?? side) })
        {
            var (pixels, labels) = Make(count, 1, partSide, 10, partSeed);
            Write(Path.Combine(folder, $"{prefix}-images-idx3-ubyte"), IdxImages(pixels, count, partSide), gzip);
            Write(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte"), IdxLabels(labels), gzip);
        }

        return folder;
    }

    public static byte[] IdxImages(byte[] pixels, int count, int side)
    {
        var data = new byte[16 + pixels.Length];
        BinaryPrimitives.WriteInt32BigEndian(data, 0x00000803);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(8), side);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(12), side);
        pixels.CopyTo(data, 16);
        return data;
    }

    public static byte[] IdxLabels(byte[] labels)
    {
        var data = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(data, 0x00000801);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), labels.Length);
        labels.CopyTo(data, 8);
        return data;
    }

    /// <summary>A CIFAR-10 binary folder: five training batches and a test batch of 32×32×3 records.</summary>
    public static string WriteCifarFolder(string folder, int perBatch = 40, int testCount = 40, bool withMeta = true)
    {
        Directory.CreateDirectory(folder);
        for (var b = 1; b <= 5; b++)
        {
            File.WriteAllBytes(Path.Combine(folder, $"data_batch_{b}.bin"), CifarRecords(perBatch, b));
        }

        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), CifarRecords(testCount, 99));
        if (withMeta)
        {
            File.WriteAllLines(Path.Combine(folder, "batches.meta.txt"),
                ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck", ""]);
        }

        return folder;
    }

    public static byte[] CifarRecords(int count, int seed)
    {
        var (pixels, labels) = Make(count, 3, 32, 10, seed);
        var record = 1 + 3 * 32 * 32;
        var data = new byte[count * record];
        for (var i = 0; i < count; i++)
        {
            data[i * record] = labels[i];
            Array.Copy(pixels, i * 3072, data, i * record + 1, 3072);
        }

        return data;
    }

    public static void Write(string path, byte[] data, bool gzip)
    {
        if (!gzip)
        {
            File.WriteAllBytes(path, data);
            return;
        }

        using var file = File.Create(path + ".gz");
        using var stream = new GZipStream(file, CompressionLevel.Fastest);
        stream.Write(data);
    }
}
