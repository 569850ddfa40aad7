namespace SweepGrid.TestData.TensorBoard;

/// <summary>
/// One TensorBoard run: every event file in a folder, read and checked (record framing, both CRCs, each file starting
/// with its file version), as TensorBoard merges them.
/// </summary>
public sealed class TensorBoardRun
{
    public const string FilePrefix = "events.out.tfevents.";

    private TensorBoardRun(IReadOnlyList<(string Path, IReadOnlyList<TensorBoardEvent> Events)> files) => Files = files;

    public IReadOnlyList<(string Path, IReadOnlyList<TensorBoardEvent> Events)> Files { get; }

    public IEnumerable<TensorBoardEvent> Events => Files.SelectMany(f => f.Events);

    public static TensorBoardRun Read(string folder)
    {
        var files = Directory.GetFiles(folder, FilePrefix + "*").Order(StringComparer.Ordinal).Select(path => (path, ReadFile(path))).ToList();
        if (files.Count == 0)
        {
            throw new InvalidDataException($"{folder} holds no {FilePrefix}* file");
        }

        // In the order they were written: each file's first event, its file version, carries the time it was opened.
        return new TensorBoardRun(files.OrderBy(f => f.Item2[0].WallTime).ToList());
    }

    public static IReadOnlyList<TensorBoardEvent> ReadFile(string path)
    {
        var events = TfRecordReader.Read(path).Select(TensorBoardEvent.Decode).ToList();
        if (events.Count == 0 || events[0].FileVersion != "brain.Event:2")
        {
            throw new InvalidDataException($"{path} does not start with the event brain.Event:2");
        }

        return events;
    }

    /// <summary>The scalar <paramref name="tag"/>'s values by step, in the order written.</summary>
    public IReadOnlyList<(long Step, float Value)> Scalars(string tag) =>
        Events.SelectMany(e => e.Values.Where(v => v.Tag == tag && v.SimpleValue is not null).Select(v => (e.Step, v.SimpleValue!.Value))).ToList();

    /// <summary>The decoded HParams summaries tagged <paramref name="tag"/> (_hparams_/session_start_info, …), in order.</summary>
    public IReadOnlyList<HParamsSession> HParams(string tag) =>
        Events.SelectMany(e => e.Values.Where(v => v.Tag == tag))
            .Select(v => v.PluginName == "hparams" && v.PluginContent is { } content
                ? HParamsSession.Decode(content)
                : throw new InvalidDataException($"{tag} is not an hparams plugin summary"))
            .ToList();
}
