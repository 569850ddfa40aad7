using System.Text;
using SweepGrid.TestData.Protobuf;

namespace SweepGrid.Cli.Tests.Otlp;

/// <summary>
/// One protobuf message read by its wire format alone (<see cref="ProtoField"/>), enough to read OTLP requests without their
/// generated types: a field is asked for by number, as the .proto file numbers it.
/// </summary>
public sealed class ProtoMessage(IReadOnlyList<ProtoField> fields)
{
    public ProtoMessage(ReadOnlyMemory<byte> data)
        : this(ProtoField.Decode(data.Span))
    {
    }

    public IEnumerable<ProtoMessage> Messages(int field) => fields.All(field).Select(f => new ProtoMessage(f.Message));

    public ProtoMessage? Message(int field) => Messages(field).FirstOrDefault();

    public string? String(int field) => fields.All(field).Select(f => Encoding.UTF8.GetString(f.Bytes)).FirstOrDefault();

    /// <summary>A bytes field as lowercase hex, as trace and span ids are written elsewhere; "" when absent.</summary>
    public string Hex(int field) => fields.All(field).Select(f => Convert.ToHexStringLower(f.Bytes)).FirstOrDefault() ?? "";

    public ulong? Number(int field) => fields.All(field).Select(f => (ulong?)f.Scalar).FirstOrDefault();

    public double? Double(int field) => Number(field) is { } bits ? BitConverter.UInt64BitsToDouble(bits) : null;
}
