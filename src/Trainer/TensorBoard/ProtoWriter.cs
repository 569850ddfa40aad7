using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace SweepGrid.Trainer.TensorBoard;

/// <summary>
/// Writes one protocol buffer message field by field (the wire format: a varint key of field number and wire type, then
/// the value). The few messages TensorBoard reads are encoded by hand with it, instead of generated code and a runtime.
/// </summary>
internal sealed class ProtoWriter
{
    private const int VarintType = 0;
    private const int Fixed64Type = 1;
    private const int LengthDelimitedType = 2;
    private const int Fixed32Type = 5;

    private readonly ArrayBufferWriter<byte> _buffer = new();

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public ProtoWriter Varint(int field, ulong value)
    {
        Key(field, VarintType);
        RawVarint(value);
        return this;
    }

    /// <summary>An int32, int64 or enum field: a negative value is written as its 64-bit two's complement, as protobuf does.</summary>
    public ProtoWriter Integer(int field, long value) => Varint(field, unchecked((ulong)value));

    public ProtoWriter Flag(int field, bool value) => Varint(field, value ? 1UL : 0UL);

    public ProtoWriter Double(int field, double value)
    {
        Key(field, Fixed64Type);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        Key(field, Fixed32Type);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Key(field, LengthDelimitedType);
        RawVarint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.Written);

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private void Key(int field, int wireType) => RawVarint(((ulong)field << 3) | (uint)wireType);

    private void RawVarint(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        _buffer.Advance(length);
    }
}
