using SweepGrid.TestData.Protobuf;

namespace SweepGrid.TestData.TensorBoard;

/// <summary>One Event of an event file: Event{wall_time = 1, step = 2, file_version = 3, summary = 5: {value = 1 (repeated)}}.</summary>
public sealed record TensorBoardEvent(double WallTime, long Step, string? FileVersion, IReadOnlyList<SummaryValue> Values)
{
    public static TensorBoardEvent Decode(byte[] record)
    {
        var fields = ProtoField.Decode(record);
        return new TensorBoardEvent(
            fields.Field(1) is { WireType: 1 } wallTime ? wallTime.Double : throw new InvalidDataException("an event without a wall time"),
            (long)(fields.Field(2)?.Scalar ?? 0),
            fields.Field(3)?.Text,
            fields.Field(5)?.Message.All(1).Select(v => SummaryValue.Decode(v.Message)).ToList() ?? []);
    }
}
