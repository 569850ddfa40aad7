namespace SweepGrid.Trainer.TensorBoard;

/// <summary>
/// The HParams plugin's summaries (tensorboard/plugins/hparams/plugin_data.proto): a session's start, holding its
/// hyperparameters, and its end, holding its status. Each is the content of a summary value tagged as below; the
/// plugin takes a run's scalars as the session's metrics.
/// </summary>
public static class HParamsPluginData
{
    public const string PluginName = "hparams";
    public const string SessionStartTag = "_hparams_/session_start_info";
    public const string SessionEndTag = "_hparams_/session_end_info";

    // HParamsPluginData.version: the plugin reads version 0.
    private const int Version = 0;

    /// <summary>HParamsPluginData{version, session_start_info{hparams (a map), start_time_secs}}; no group name, so each
    /// session is a group of its own.</summary>
    public static byte[] SessionStart(IEnumerable<KeyValuePair<string, HParamValue>> hparams, double startTimeSeconds)
    {
        ArgumentNullException.ThrowIfNull(hparams);
        var start = new ProtoWriter();
        foreach (var (name, value) in hparams)
        {
            // A map is a repeated entry message {key = 1, value = 2}.
            start.Message(1, new ProtoWriter().String(1, name).Message(2, Value(value)));
        }

        start.Double(5, startTimeSeconds);
        return new ProtoWriter().Integer(1, Version).Message(3, start).ToArray();
    }

    /// <summary>HParamsPluginData{version, session_end_info{status, end_time_secs}}.</summary>
    public static byte[] SessionEnd(SessionStatus status, double endTimeSeconds) =>
        new ProtoWriter().Integer(1, Version).Message(4, new ProtoWriter().Integer(1, (int)status).Double(2, endTimeSeconds)).ToArray();

    /// <summary>google.protobuf.Value: number_value = 2, string_value = 3, bool_value = 4.</summary>
    private static ProtoWriter Value(HParamValue value) =>
        value.Number is { } number ? new ProtoWriter().Double(2, number)
        : value.Text is { } text ? new ProtoWriter().String(3, text)
        : new ProtoWriter().Flag(4, value.Flag == true);
}
