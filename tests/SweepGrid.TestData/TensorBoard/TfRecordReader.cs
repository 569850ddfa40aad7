using System.Buffers.Binary;

namespace SweepGrid.TestData.TensorBoard;

/// <summary>
/// Reads a TFRecord file's records (uint64 length, masked CRC-32C of the length's 8 bytes, the data, masked CRC-32C of the
/// data, little-endian), checking both checksums: a damaged or truncated file throws, naming the record and its offset.
/// </summary>
public static class TfRecordReader
{
    public static IReadOnlyList<byte[]> Read(string path) => Read(File.ReadAllBytes(path), path);

    public static IReadOnlyList<byte[]> Read(byte[] file, string name)
    {
        ArgumentNullException.ThrowIfNull(file);
        var records = new List<byte[]>();
        var at = 0;
        while (at < file.Length)
        {
            var what = $"{name}: record {records.Count} at byte {at}";
            if (file.Length - at < 12)
            {
                throw new InvalidDataException($"{what}: {file.Length - at} bytes left, fewer than a record's header");
            }

            var header = file.AsSpan(at, 8);
            if (BitwiseCrc32C.Masked(header) != BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8)))
            {
                throw new InvalidDataException($"{what}: the length's CRC does not match");
            }

            var length = BinaryPrimitives.ReadUInt64LittleEndian(header);
            if (length > (ulong)(file.Length - at - 16))
            {
                throw new InvalidDataException($"{what}: a length of {length} bytes runs past the end of the file");
            }

            var data = file.AsSpan(at + 12, (int)length);
            if (BitwiseCrc32C.Masked(data) != BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 12 + (int)length)))
            {
                throw new InvalidDataException($"{what}: the data's CRC does not match");
            }

            records.Add(data.ToArray());
            at += 16 + (int)length;
        }

        return records;
    }
}
