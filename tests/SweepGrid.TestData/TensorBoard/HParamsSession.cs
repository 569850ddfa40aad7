using SweepGrid.TestData.Protobuf;

namespace SweepGrid.TestData.TensorBoard;

/// <summary>
/// A decoded HParams plugin summary (tensorboard/plugins/hparams/plugin_data.proto): HParamsPluginData{version = 1,
/// session_start_info = 3: {hparams = 1 (map of google.protobuf.Value), start_time_secs = 5}, session_end_info = 4:
/// {status = 1, end_time_secs = 2}}. Values are double, string or bool.
/// </summary>
public sealed record HParamsSession(int Version, IReadOnlyDictionary<string, object>? HParams, double? StartTime, int? Status, double? EndTime)
{
    public static HParamsSession Decode(byte[] content)
    {
        var data = ProtoField.Decode(content);
        var version = (int)(data.Field(1)?.Scalar ?? 0);
        if (data.Field(3) is { } start)
        {
            var info = start.Message;
            var hparams = info.All(1).Select(entry => entry.Message).ToDictionary(
                entry => entry.Field(1)?.Text ?? throw new InvalidDataException("an hparam without a name"),
                entry => Value(entry.Field(2)?.Message ?? []));
            return new HParamsSession(version, hparams, info.Field(5)?.Double ?? 0, null, null);
        }

        if (data.Field(4) is { } end)
        {
            var info = end.Message;
            return new HParamsSession(version, null, null, (int)(info.Field(1)?.Scalar ?? 0), info.Field(2)?.Double ?? 0);
        }

        throw new InvalidDataException("hparams plugin data with neither a session start nor a session end");
    }

    private static object Value(IReadOnlyList<ProtoField> value) =>
        value.Field(2) is { } number ? number.Double
        : value.Field(3) is { } text ? text.Text
        : value.Field(4) is { } flag ? flag.Scalar != 0
        : throw new InvalidDataException("an hparam value that is neither a number, a string nor a bool");
}
