using System.Buffers.Binary;
using System.Text;

namespace SweepGrid.TestData.Protobuf;

/// <summary>One field of a decoded protocol buffer message: its number, wire type and raw value.</summary>
public sealed record ProtoField(int Number, int WireType, ulong Scalar, byte[] Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes);

    public double Double => BitConverter.Int64BitsToDouble((long)Scalar);

    public float Float => BitConverter.Int32BitsToSingle((int)Scalar);

    public IReadOnlyList<ProtoField> Message => Decode(Bytes);

    /// <summary>Every field of <paramref name="message"/> in order; a truncated or malformed message throws.</summary>
    public static IReadOnlyList<ProtoField> Decode(ReadOnlySpan<byte> message)
    {
        var fields = new List<ProtoField>();
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var (number, type) = ((int)(key >> 3), (int)(key & 7));
            if (number == 0)
            {
                throw new InvalidDataException($"field number 0 at byte {at}");
            }

            fields.Add(type switch
            {
                0 => new ProtoField(number, type, Varint(message, ref at), []),
                1 => new ProtoField(number, type, BinaryPrimitives.ReadUInt64LittleEndian(Take(message, ref at, 8)), []),
                5 => new ProtoField(number, type, BinaryPrimitives.ReadUInt32LittleEndian(Take(message, ref at, 4)), []),
                2 => new ProtoField(number, type, 0, Take(message, ref at, checked((int)Varint(message, ref at))).ToArray()),
                _ => throw new InvalidDataException($"wire type {type} of field {number} at byte {at}"),
            });
        }

        return fields;
    }

    private static ulong Varint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= data.Length)
            {
                throw new InvalidDataException("a varint runs past the end of its message");
            }

            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("a varint longer than 10 bytes");
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int at, int length)
    {
        if (length < 0 || at + length > data.Length)
        {
            throw new InvalidDataException($"a field of {length} bytes at byte {at} runs past the end of its message ({data.Length} bytes)");
        }

        var taken = data.Slice(at, length);
        at += length;
        return taken;
    }
}
