using System.Security.Cryptography;
using System.Text.Json;
using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Optimizers;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace SweepGrid.Trainer.Checkpoints;

/// <summary>
/// One file per checkpoint folder: a header (fingerprint, epoch, history as JSON), the model's weights and buffers, the
/// optimizer's state, the dropout generator's state, and the SHA-256 of all of that, so a file damaged after it was
/// written (a torn copy, a bad disk) is told apart from a good one instead of being trained on. Written to a temporary
/// file of its own name and renamed over the old one: a crash or a full disk mid-write leaves the previous checkpoint
/// intact and no partial file behind, and two writers never share a temporary file.
/// </summary>
public static class CheckpointFile
{
    public const string FileName = "checkpoint.bin";
    private const string Magic = "SWEEPGRID-CHECKPOINT-2";
    // Files of the first format carry no checksum; they are still read.
    private const string FirstMagic = "SWEEPGRID-CHECKPOINT-1";
    private const int ChecksumLength = 32;

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    public static void Save(string directory, CheckpointState state, nn.Module model, FlatOptimizer optimizer, Generator generator)
    {
        Directory.CreateDirectory(directory);
        var target = PathIn(directory);
        WriteReplacing(target, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(state, JsonOptions));
            model.save(writer);
            optimizer.SaveState(writer);
            using var rng = generator.get_state();
            var bytes = rng.data<byte>().ToArray();
            writer.Write(bytes.Length);
            writer.Write(bytes);
            writer.Flush();
            stream.Position = 0;
            var checksum = SHA256.HashData(stream);
            stream.Seek(0, SeekOrigin.End);
            stream.Write(checksum);
        });
    }

    /// <summary>The header of the folder's checkpoint, or null when it has none; throws <see cref="InvalidDataException"/>
    /// (naming the file and what is wrong) when the file is not a whole, undamaged checkpoint.</summary>
    public static CheckpointState? ReadState(string directory)
    {
        var path = PathIn(directory);
        if (!File.Exists(path))
        {
            return null;
        }

        using var stream = File.OpenRead(path);
        using var reader = OpenVerified(stream, path);
        return ReadHeader(reader, path);
    }

    public static CheckpointState Load(string directory, nn.Module model, FlatOptimizer optimizer, Generator generator)
    {
        var path = PathIn(directory);
        using var stream = File.OpenRead(path);
        using var reader = OpenVerified(stream, path);
        var state = ReadHeader(reader, path);
        model.load(reader);
        optimizer.LoadState(reader);
        var bytes = reader.ReadBytes(reader.ReadInt32());
        using var rng = torch.tensor(bytes, dtype: ScalarType.Byte);
        generator.set_state(rng);
        return state;
    }

    /// <summary>
    /// Writes the checkpoint's model weights alone, in TorchSharp's module format (<c>module.load(path)</c> on an MLP built
    /// from the same model configuration reads them back) and, under the names of the equivalent <c>torch.nn.Sequential</c>
    /// (<see cref="SequentialNames"/>), in PyTorch's <c>torch.save</c> format and as safetensors, once the checkpoint is known
    /// to be the trial's own (<paramref name="fingerprint"/>) at the end of its training (<paramref name="epoch"/>); returns
    /// the header it read.
    /// </summary>
    public static CheckpointState ExportWeights(string checkpointPath, ModelConfig config, WeightsFiles destinations, string fingerprint, int epoch)
    {
        using var stream = File.OpenRead(checkpointPath);
        using var reader = OpenVerified(stream, checkpointPath);
        var state = ReadHeader(reader, checkpointPath);
        if (state.Fingerprint != fingerprint)
        {
            throw new InvalidDataException($"{checkpointPath} belongs to another configuration (fingerprint {state.Fingerprint}, the trial's is {fingerprint})");
        }

        if (state.Epoch != epoch)
        {
            throw new InvalidDataException($"{checkpointPath} holds epoch {state.Epoch}, not the trial's last epoch {epoch}: a later attempt or another trial wrote it");
        }

        if (state.Features <= 0 || state.Classes <= 0)
        {
            throw new InvalidDataException($"{checkpointPath} does not record the model's input and class counts (written by an older SweepGrid); its weights cannot be exported alone");
        }

        using var scope = NewDisposeScope();
        using var init = new Generator(0, CPU);
        using var dropout = new Generator(0, CPU);
        using var model = new MlpClassifier(config, state.Features, state.Classes, init, dropout);
        model.load(reader);
        WriteReplacing(destinations.TorchSharp, output =>
        {
            using var writer = new BinaryWriter(output, System.Text.Encoding.UTF8, leaveOpen: true);
            model.save(writer);
        });
        var names = SequentialNames.Of(config);
        var renamed = new Dictionary<string, Tensor>();
        foreach (var (name, tensor) in model.state_dict())
        {
            renamed.Add(names.TryGetValue(name, out var sequential) ? sequential
                : throw new InvalidOperationException($"the model's {name} has no name in the equivalent torch.nn.Sequential"), tensor);
        }

        WriteReplacing(destinations.StateDict, output => PyTorchPickler.PickleStateDict(output, renamed, leaveOpen: true));
        WriteReplacing(destinations.Safetensors, output => Safetensors.SaveStateDict(output, renamed, leaveOpen: true));
        return state;
    }

    /// <summary>Writes <paramref name="target"/> through a temporary file no other writer uses, flushed to disk, then renamed
    /// over it; on any failure (a full disk above all) the temporary file is removed and the target left as it was.</summary>
    private static void WriteReplacing(string target, Action<FileStream> write)
    {
        var temporary = $"{target}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch (IOException e) when (e.Message.Contains(temporary, StringComparison.Ordinal))
        {
            // Named by the file the user knows of; the error's kind (ENOSPC above all) is kept.
            File.Delete(temporary);
            throw new IOException(e.Message.Replace(temporary, target, StringComparison.Ordinal), e) { HResult = e.HResult };
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    // A reader positioned at the start of the file, once its checksum (second format) matches its contents.
    private static BinaryReader OpenVerified(FileStream stream, string path)
    {
        var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        string magic;
        try
        {
            magic = reader.ReadString();
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException)
        {
            throw new InvalidDataException($"{path} is not a SweepGrid checkpoint (it is empty or truncated)", e);
        }

        if (magic == Magic)
        {
            var length = stream.Length - ChecksumLength;
            if (length <= stream.Position)
            {
                throw new InvalidDataException($"{path} is truncated");
            }

            stream.Position = 0;
            var actual = SHA256.HashData(new BoundedStream(stream, length));
            var recorded = new byte[ChecksumLength];
            stream.Position = length;
            stream.ReadExactly(recorded);
            if (!actual.AsSpan().SequenceEqual(recorded))
            {
                throw new InvalidDataException($"{path} is damaged: its contents do not match the checksum written with it (truncated or changed since)");
            }
        }
        else if (magic != FirstMagic)
        {
            throw new InvalidDataException($"{path} is not a SweepGrid checkpoint");
        }

        stream.Position = 0;
        return reader;
    }

    private static CheckpointState ReadHeader(BinaryReader reader, string path)
    {
        try
        {
            var magic = reader.ReadString();
            if (magic is not (Magic or FirstMagic))
            {
                throw new InvalidDataException($"{path} is not a SweepGrid checkpoint");
            }

            return JsonSerializer.Deserialize<CheckpointState>(reader.ReadString(), JsonOptions)
                   ?? throw new InvalidDataException($"{path} has an empty header");
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path} is truncated", e);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} has an unreadable header: {e.Message}", e);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The first <c>length</c> bytes of a stream, read from its current position.</summary>
    private sealed class BoundedStream(Stream inner, long length) : Stream
    {
        private readonly long _length = length;
        private long _left = length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _length;

        public override long Position
        {
            get => _length - _left;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, (int)Math.Min(count, _left));
            _left -= read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
