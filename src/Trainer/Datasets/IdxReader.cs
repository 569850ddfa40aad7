using System.Buffers.Binary;
using System.IO.Compression;

namespace SweepGrid.Trainer.Datasets;

/// <summary>Reads IDX files (the MNIST format), raw or gzip-compressed.</summary>
public static class IdxReader
{
    private const int UnsignedByteType = 0x08;

    public static (byte[] Pixels, int Count, int Height, int Width) ReadImages(string path)
    {
        var data = ReadAll(path);
        var dims = ReadHeader(path, data, expectedRank: 3);
        var (count, height, width) = (dims[0], dims[1], dims[2]);
        var expected = 16L + (long)count * height * width;
        if (data.Length < expected)
        {
            throw new DatasetFormatException(path, data.Length,
                $"file ends early: the header promises {count} images of {height}x{width} ({expected} bytes), found {data.Length} bytes");
        }

        return (data.AsSpan(16, checked(count * height * width)).ToArray(), count, height, width);
    }

    public static byte[] ReadLabels(string path, int classCount)
    {
        var data = ReadAll(path);
        var count = ReadHeader(path, data, expectedRank: 1)[0];
        var expected = 8L + count;
        if (data.Length < expected)
        {
            throw new DatasetFormatException(path, data.Length,
                $"file ends early: the header promises {count} labels ({expected} bytes), found {data.Length} bytes");
        }

        var labels = data.AsSpan(8, count).ToArray();
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classCount)
            {
                throw new DatasetFormatException(path, 8 + i,
                    $"label {labels[i]} is out of range: labels must be 0 to {classCount - 1}");
            }
        }

        return labels;
    }

    private static int[] ReadHeader(string path, byte[] data, int expectedRank)
    {
        var expectedMagic = (UnsignedByteType << 8) | expectedRank;
        if (data.Length < 4)
        {
            throw new DatasetFormatException(path, data.Length,
                $"file ends before the 4-byte magic number (expected 0x{expectedMagic:X8})");
        }

        var magic = BinaryPrimitives.ReadInt32BigEndian(data);
        if (magic != expectedMagic)
        {
            throw new DatasetFormatException(path, 0,
                $"wrong magic number 0x{magic:X8}: expected 0x{expectedMagic:X8} (IDX, unsigned bytes, {expectedRank} dimension{(expectedRank == 1 ? "" : "s")})");
        }

        var headerLength = 4 + 4 * expectedRank;
        if (data.Length < headerLength)
        {
            throw new DatasetFormatException(path, data.Length,
                $"file ends inside the header: expected {headerLength} header bytes");
        }

        var dims = new int[expectedRank];
        for (var i = 0; i < expectedRank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4 + 4 * i));
            if (dims[i] < 0)
            {
                throw new DatasetFormatException(path, 4 + 4 * i, $"dimension {i} is negative ({dims[i]})");
            }
        }

        return dims;
    }

    private static byte[] ReadAll(string path)
    {
        if (!File.Exists(path))
        {
            throw new DatasetFormatException(path, null, "file not found");
        }

        using var file = File.OpenRead(path);
        var gzip = file.Length >= 2 && file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        if (!gzip)
        {
            var bytes = new byte[file.Length];
            file.ReadExactly(bytes);
            return bytes;
        }

        using var inflated = new MemoryStream();
        try
        {
            using var stream = new GZipStream(file, CompressionMode.Decompress);
            stream.CopyTo(inflated);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException(path, inflated.Length,
                $"broken gzip data after {inflated.Length} decompressed bytes ({e.Message})");
        }

        return inflated.ToArray();
    }
}
