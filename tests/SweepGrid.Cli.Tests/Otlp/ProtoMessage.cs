using System.Buffers.Binary;
using System.Text;

namespace SweepGrid.Cli.Tests.Otlp;

/// <summary>
/// One protobuf message read by its wire format alone (field number, wire type, value), enough to read OTLP requests
/// without their generated types: a field is asked for by number, as the .proto file numbers it.
/// </summary>
public sealed class ProtoMessage
{
    private readonly List<(int Field, ulong Number, ReadOnlyMemory<byte> Bytes)> _fields = [];

    public ProtoMessage(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        var at = 0;
        while (at < span.Length)
        {
            var key = Varint(span, ref at);
            var (field, wire) = ((int)(key >> 3), (int)(key & 7));
            switch (wire)
            {
                case 0:
                    _fields.Add((field, Varint(span, ref at), default));
                    break;
                case 1:
                    _fields.Add((field, BinaryPrimitives.ReadUInt64LittleEndian(span[at..]), default));
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(span, ref at);
                    _fields.Add((field, 0, data.Slice(at, length)));
                    at += length;
                    break;
                case 5:
                    _fields.Add((field, BinaryPrimitives.ReadUInt32LittleEndian(span[at..]), default));
                    at += 4;
                    break;
                default:
                    throw new FormatException($"wire type {wire} of field {field} at byte {at} is not one OTLP uses");
            }
        }
    }

    public IEnumerable<ProtoMessage> Messages(int field) => _fields.Where(f => f.Field == field).Select(f => new ProtoMessage(f.Bytes));

    public ProtoMessage? Message(int field) => Messages(field).FirstOrDefault();

    public string? String(int field) => _fields.Where(f => f.Field == field).Select(f => Encoding.UTF8.GetString(f.Bytes.Span)).FirstOrDefault();

    /// <summary>A bytes field as lowercase hex, as trace and span ids are written elsewhere; "" when absent.</summary>
    public string Hex(int field) => _fields.Where(f => f.Field == field).Select(f => Convert.ToHexStringLower(f.Bytes.Span)).FirstOrDefault() ?? "";

    public ulong? Number(int field) => _fields.Where(f => f.Field == field).Select(f => (ulong?)f.Number).FirstOrDefault();

    public double? Double(int field) => Number(field) is { } bits ? BitConverter.UInt64BitsToDouble(bits) : null;

    private static ulong Varint(ReadOnlySpan<byte> span, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = span[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
