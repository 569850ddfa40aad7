using System.Buffers.Binary;
using System.Globalization;

namespace SweepGrid.Trainer.TensorBoard;

/// <summary>
/// One TensorBoard event file: a TFRecord file (each record: uint64 length, masked CRC-32C of the length, the data, masked
/// CRC-32C of the data, little-endian) of Event messages, the first giving the file version. Named as TensorFlow names
/// its files, with a counter, so that every writer makes a new file and a folder's files add up (TensorBoard reads every
/// file of a run's folder). Each event is flushed as it is written, so that a running TensorBoard shows it.
/// </summary>
public sealed class EventFileWriter : IDisposable
{
    private static int s_files;

    private readonly FileStream _file;

    private EventFileWriter(FileStream file, string path)
    {
        _file = file;
        Path = path;
    }

    public string Path { get; }

    /// <summary>A new event file in <paramref name="folder"/> (created if missing): events.out.tfevents.SECONDS.HOST.PID.N.</summary>
    public static EventFileWriter Create(string folder, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Directory.CreateDirectory(folder);
        var name = string.Create(CultureInfo.InvariantCulture,
            $"events.out.tfevents.{now.ToUnixTimeSeconds()}.{Host()}.{Environment.ProcessId}.{Interlocked.Increment(ref s_files)}");
        var path = System.IO.Path.Combine(folder, name);
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        var writer = new EventFileWriter(file, path);
        try
        {
            writer.Write(SummaryEvents.Version(Seconds(now)));
        }
        catch
        {
            writer.Dispose();
            throw;
        }

        return writer;
    }

    /// <summary>A scalar (TensorBoard stores it as a 32-bit float) at a step, e.g. an epoch.</summary>
    public void AddScalar(string tag, long step, double value, DateTimeOffset wallTime)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        Write(SummaryEvents.Scalar(Seconds(wallTime), step, tag, (float)value));
    }

    /// <summary>The HParams plugin's session start: this run's hyperparameters, which the HParams tab lists beside the
    /// last value of each of the run's scalars.</summary>
    public void AddSessionStart(IEnumerable<KeyValuePair<string, HParamValue>> hparams, DateTimeOffset started) =>
        Write(SummaryEvents.Plugin(Seconds(started), 0, HParamsPluginData.SessionStartTag, HParamsPluginData.PluginName,
            HParamsPluginData.SessionStart(hparams, Seconds(started))));

    /// <summary>The HParams plugin's session end: the run's status, which TensorBoard keeps once it has one.</summary>
    public void AddSessionEnd(SessionStatus status, long step, DateTimeOffset ended) =>
        Write(SummaryEvents.Plugin(Seconds(ended), step, HParamsPluginData.SessionEndTag, HParamsPluginData.PluginName,
            HParamsPluginData.SessionEnd(status, Seconds(ended))));

    public void Dispose() => _file.Dispose();

    private void Write(byte[] data)
    {
        // The whole record in one write: a reader that follows the file sees a record whole or not at all, in practice.
        var record = new byte[8 + 4 + data.Length + 4];
        BinaryPrimitives.WriteUInt64LittleEndian(record, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), Crc32C.Masked(record.AsSpan(0, 8)));
        data.CopyTo(record.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12 + data.Length), Crc32C.Masked(data));
        _file.Write(record);
        _file.Flush();
    }

    private static double Seconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    private static string Host()
    {
        var host = Environment.MachineName;
        return string.Concat(host.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
    }
}
