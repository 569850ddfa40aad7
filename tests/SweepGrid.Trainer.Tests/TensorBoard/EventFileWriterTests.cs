using System.Text;
using SweepGrid.TestData;
using SweepGrid.TestData.TensorBoard;
using SweepGrid.Trainer.TensorBoard;

namespace SweepGrid.Trainer.Tests.TensorBoard;

public sealed class EventFileWriterTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _temp = new("sweepgrid-tensorboard");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Crc32C_gives_the_standard_check_value_as_the_bitwise_form_does()
    {
        var check = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xE3069283u, Crc32C.Compute(check));
        Assert.Equal(0xE3069283u, BitwiseCrc32C.Compute(check));
        var random = new Random(5);
        for (var length = 0; length < 300; length += 7)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(BitwiseCrc32C.Masked(data), Crc32C.Masked(data));
        }
    }

    [Fact]
    public void A_file_decodes_to_its_version_scalars_by_step_and_hparams_session()
    {
        var folder = _temp.Combine("run", "trial");
        string path;
        using (var writer = EventFileWriter.Create(folder, Start))
        {
            path = writer.Path;
            writer.AddSessionStart(
            [
                KeyValuePair.Create("optimizer", HParamValue.Of("adam")),
                KeyValuePair.Create("learning_rate", HParamValue.Of(0.001)),
                KeyValuePair.Create("batch_norm", HParamValue.Of(true)),
                KeyValuePair.Create("hidden", HParamValue.Of("[128,64,32]")),
            ], Start);
            writer.AddScalar("loss/train", 1, 0.75, Start.AddSeconds(1));
            writer.AddScalar("loss/train", 2, 0.5, Start.AddSeconds(2));
            // Steps past one varint byte, and past 32 bits.
            writer.AddScalar("loss/train", 300, 0.25, Start.AddSeconds(3));
            writer.AddScalar("loss/train", 1L << 40, 0.125, Start.AddSeconds(4));
            writer.AddSessionEnd(SessionStatus.Success, 1L << 40, Start.AddSeconds(5));
        }

        var name = Path.GetFileName(path);
        Assert.Matches($@"^events\.out\.tfevents\.{Start.ToUnixTimeSeconds()}\.[A-Za-z0-9_-]+\.{Environment.ProcessId}\.\d+$", name);
        var run = TensorBoardRun.Read(folder);
        var events = Assert.Single(run.Files).Events;
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Equal(Start.ToUnixTimeSeconds(), events[0].WallTime);
        Assert.Equal([(1L, 0.75f), (2L, 0.5f), (300L, 0.25f), (1L << 40, 0.125f)], run.Scalars("loss/train"));
        Assert.Equal(Start.ToUnixTimeSeconds() + 2.0, events.Single(e => e.Step == 2).WallTime);

        var start = Assert.Single(run.HParams(HParamsPluginData.SessionStartTag));
        Assert.Equal(0, start.Version);
        Assert.Equal(new Dictionary<string, object>
        {
            ["optimizer"] = "adam",
            ["learning_rate"] = 0.001,
            ["batch_norm"] = true,
            ["hidden"] = "[128,64,32]",
        }, start.HParams);
        Assert.Equal(Start.ToUnixTimeSeconds(), start.StartTime);
        var value = events.SelectMany(e => e.Values).Single(v => v.Tag == HParamsPluginData.SessionStartTag);
        Assert.NotNull(value.Tensor);
        Assert.Null(value.SimpleValue);

        var end = Assert.Single(run.HParams(HParamsPluginData.SessionEndTag));
        Assert.Equal((int)SessionStatus.Success, end.Status);
        Assert.Equal(Start.ToUnixTimeSeconds() + 5.0, end.EndTime);
    }

    [Theory]
    [InlineData(3, "the length's CRC")]
    [InlineData(10, "the length's CRC")]
    [InlineData(14, "the data's CRC")]
    [InlineData(-1, "the data's CRC")]
    public void A_changed_byte_anywhere_in_a_record_is_found(int offset, string found)
    {
        var path = WriteOneScalar();
        var bytes = File.ReadAllBytes(path);
        var records = TfRecordReader.Read(bytes, path);
        // The second record, the scalar: its header, its length's CRC, its data or its data's CRC.
        var second = 16 + records[0].Length;
        var at = offset >= 0 ? second + offset : bytes.Length + offset;
        bytes[at] ^= 0x10;

        var e = Assert.Throws<InvalidDataException>(() => TfRecordReader.Read(bytes, path));
        Assert.Contains("record 1", e.Message);
        Assert.Contains(found, e.Message);
    }

    [Fact]
    public void A_truncated_file_is_found()
    {
        var bytes = File.ReadAllBytes(WriteOneScalar());
        var e = Assert.Throws<InvalidDataException>(() => TfRecordReader.Read(bytes[..^3], "cut"));
        Assert.Contains("record 1", e.Message);
    }

    [Fact]
    public void Each_writer_makes_a_file_of_its_own_which_a_run_reads_together()
    {
        var folder = _temp.Combine("resumed");
        using (var first = EventFileWriter.Create(folder, Start))
        {
            first.AddScalar("accuracy/val", 1, 0.5, Start);
        }

        using (var second = EventFileWriter.Create(folder, Start.AddSeconds(1)))
        {
            second.AddScalar("accuracy/val", 2, 0.625, Start.AddSeconds(1));
        }

        var run = TensorBoardRun.Read(folder);
        Assert.Equal(2, run.Files.Count);
        Assert.Equal([(1L, 0.5f), (2L, 0.625f)], run.Scalars("accuracy/val"));
    }

    private string WriteOneScalar()
    {
        using var writer = EventFileWriter.Create(_temp.Combine("damaged"), Start);
        writer.AddScalar("accuracy/val", 1, 0.5, Start);
        return writer.Path;
    }
}
