using System.Buffers.Binary;
using System.IO.Compression;

namespace SweepGrid.Trainer.Datasets;

/// <summary>
/// Reads IDX files (the MNIST format), raw or gzip-compressed. The header's dimensions are checked before anything is
/// allocated, and no more data is read than they declare: a gzip bomb or a lying header is a format error, not an out-of-memory.
/// </summary>
public static class IdxReader
{
    private const int UnsignedByteType = 0x08;

    /// <summary>The most data one file may declare: what one .NET array holds (about 2 GiB; Fashion-MNIST's training images are 47 MB).</summary>
    public static readonly long MaxDataBytes = Array.MaxLength;

    private const int ReadChunk = 1 << 20;

    public static (byte[] Pixels, int Count, int Height, int Width) ReadImages(string path)
    {
        var (dims, pixels) = Read(path, expectedRank: 3);
        return (pixels, dims[0], dims[1], dims[2]);
    }

    public static byte[] ReadLabels(string path, int classCount)
    {
        var (_, labels) = Read(path, expectedRank: 1);
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

    private static (int[] Dims, byte[] Data) Read(string path, int expectedRank)
    {
        if (!File.Exists(path))
        {
            throw new DatasetFormatException(path, null, "file not found");
        }

        try
        {
            using var file = File.OpenRead(path);
            var gzip = file.Length >= 2 && file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
            file.Position = 0;
            if (!gzip)
            {
                return ReadChecked(path, file, expectedRank, file.Length);
            }

            using var inflated = new GZipStream(file, CompressionMode.Decompress);
            return ReadChecked(path, inflated, expectedRank, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetFormatException(path, null, $"cannot be read ({e.Message})");
        }
    }

    /// <param name="length">The raw file's length, so a short or long file is refused before its data is read; null for gzip.</param>
    private static (int[] Dims, byte[] Data) ReadChecked(string path, Stream stream, int expectedRank, long? length)
    {
        var headerLength = 4 + 4 * expectedRank;
        long at = 0;
        try
        {
            return ReadBody(path, stream, expectedRank, length, headerLength, ref at);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException(path, at, $"broken gzip data after {at} decompressed bytes ({e.Message})");
        }
    }

    private static (int[] Dims, byte[] Data) ReadBody(string path, Stream stream, int expectedRank, long? length, int headerLength, ref long at)
    {
        var header = new byte[headerLength];
        var got = stream.ReadAtLeast(header, headerLength, throwOnEndOfStream: false);
        at = got;
        var dims = ReadHeader(path, header.AsSpan(0, got), expectedRank);
        var declared = DeclaredBytes(path, dims);
        var expected = headerLength + declared;
        if (length is { } size && size < expected)
        {
            throw EndsEarly(path, dims, expected, size);
        }

        if (length is { } longer && longer > expected)
        {
            throw TooLong(path, dims, expected);
        }

        // Grown as the data arrives, so a header that promises more than the file holds costs no more than the file.
        var data = new byte[Math.Min(declared, ReadChunk)];
        var filled = 0;
        while (filled < declared)
        {
            if (filled == data.Length)
            {
                Array.Resize(ref data, (int)Math.Min(declared, 2L * data.Length));
            }

            var read = stream.Read(data, filled, data.Length - filled);
            if (read == 0)
            {
                throw EndsEarly(path, dims, expected, headerLength + filled);
            }

            filled += read;
            at = headerLength + filled;
        }

        if (length is null && stream.ReadByte() != -1)
        {
            throw TooLong(path, dims, expected);
        }

        return (dims, data);
    }

    private static int[] ReadHeader(string path, ReadOnlySpan<byte> header, int expectedRank)
    {
        var expectedMagic = (UnsignedByteType << 8) | expectedRank;
        if (header.Length < 4)
        {
            throw new DatasetFormatException(path, header.Length,
                $"file ends before the 4-byte magic number (expected 0x{expectedMagic:X8})");
        }

        var magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expectedMagic)
        {
            throw new DatasetFormatException(path, 0,
                $"wrong magic number 0x{magic:X8}: expected 0x{expectedMagic:X8} (IDX, unsigned bytes, {expectedRank} dimension{(expectedRank == 1 ? "" : "s")})");
        }

        var headerLength = 4 + 4 * expectedRank;
        if (header.Length < headerLength)
        {
            throw new DatasetFormatException(path, header.Length,
                $"file ends inside the header: expected {headerLength} header bytes");
        }

        var dims = new int[expectedRank];
        for (var i = 0; i < expectedRank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(header[(4 + 4 * i)..]);
            if (dims[i] < 0)
            {
                throw new DatasetFormatException(path, 4 + 4 * i, $"dimension {i} is negative ({dims[i]})");
            }

            if (i > 0 && dims[i] == 0)
            {
                throw new DatasetFormatException(path, 4 + 4 * i, $"dimension {i} is 0: an image must be at least 1x1");
            }
        }

        return dims;
    }

    /// <summary>The data the header promises, refused when no array could hold it (2^31 images of 28x28 would be 1.7 TB).</summary>
    private static long DeclaredBytes(string path, int[] dims)
    {
        var bytes = 1L;
        foreach (var dim in dims)
        {
            // Each factor is below 2^31 and the running product stays at most MaxDataBytes, so this never overflows.
            bytes *= dim;
            if (bytes > MaxDataBytes)
            {
                throw new DatasetFormatException(path, 4,
                    $"the header declares {Shape(dims)}, more than the {MaxDataBytes:N0} bytes one dataset file may hold: the header is damaged or this is not an IDX file");
            }
        }

        return bytes;
    }

    private static DatasetFormatException EndsEarly(string path, int[] dims, long expected, long found) =>
        new(path, found, $"file ends early: the header promises {Shape(dims)} ({expected} bytes), found {found} bytes");

    private static DatasetFormatException TooLong(string path, int[] dims, long expected) =>
        new(path, expected, $"holds more data than its header declares: {Shape(dims)} end at byte {expected}");

    private static string Shape(int[] dims) => dims.Length == 1
        ? $"{dims[0]} labels"
        : $"{dims[0]} images of {string.Join("x", dims.Skip(1))}";
}
