namespace SweepGrid.Trainer.TensorBoard;

/// <summary>
/// Event messages (tensorflow/core/util/event.proto) as TensorBoard reads them: Event{wall_time = 1, step = 2, and
/// file_version = 3 or summary = 5}, where Summary{value = 1: Value{tag = 1, simple_value = 2 | tensor = 8, metadata = 9}}.
/// </summary>
internal static class SummaryEvents
{
    /// <summary>What the first event of every file says, so readers know the format.</summary>
    public const string FileVersion = "brain.Event:2";

    // TensorProto{dtype = DT_FLOAT (1), tensor_shape{dim{size 0}}}: the empty tensor a plugin summary that carries only
    // metadata holds, as TensorBoard's own hparams writer does.
    private static readonly ProtoWriter EmptyTensor = new ProtoWriter().Integer(1, 1).Message(2, new ProtoWriter().Message(2, new ProtoWriter()));

    public static byte[] Version(double wallTime) => Event(wallTime, 0).String(3, FileVersion).ToArray();

    public static byte[] Scalar(double wallTime, long step, string tag, float value) =>
        Summary(wallTime, step, new ProtoWriter().String(1, tag).Float(2, value));

    /// <summary>A plugin's summary: its data in metadata.plugin_data{plugin_name = 1, content = 2}, beside an empty tensor.</summary>
    public static byte[] Plugin(double wallTime, long step, string tag, string pluginName, byte[] content)
    {
        var pluginData = new ProtoWriter().String(1, pluginName).Bytes(2, content);
        return Summary(wallTime, step, new ProtoWriter().String(1, tag).Message(8, EmptyTensor).Message(9, new ProtoWriter().Message(1, pluginData)));
    }

    private static byte[] Summary(double wallTime, long step, ProtoWriter value) =>
        Event(wallTime, step).Message(5, new ProtoWriter().Message(1, value)).ToArray();

    private static ProtoWriter Event(double wallTime, long step) => new ProtoWriter().Double(1, wallTime).Integer(2, step);
}
