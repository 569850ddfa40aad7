namespace SweepGrid.Trainer.TensorBoard;

/// <summary>
/// CRC-32C (Castagnoli), the checksum TFRecord files use, and its masked form. System.IO.Hashing has only the IEEE
/// CRC-32, whose polynomial differs; this is the plain table-driven form, which is fast enough for a few records an epoch.
/// </summary>
public static class Crc32C
{
    // The Castagnoli polynomial 0x1EDC6F41, bit-reversed as the reflected algorithm uses it.
    private const uint Polynomial = 0x82F63B78;

    // TFRecord's mask: a CRC of data that itself holds CRCs is otherwise easy to get accidentally right.
    private const uint MaskDelta = 0xA282EAD8;

    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    /// <summary>The CRC as a TFRecord stores it: rotated right by 15 bits, plus a constant.</summary>
    public static uint Masked(ReadOnlySpan<byte> data)
    {
        var crc = Compute(data);
        return unchecked(((crc >> 15) | (crc << 17)) + MaskDelta);
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var crc = i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            }

            table[i] = crc;
        }

        return table;
    }
}
