using System.Text.Json;
using SweepGrid.Trainer.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepGrid.Trainer.Checkpoints;

/// <summary>
/// One file per trial: a header (fingerprint, epoch, history as JSON), the model's weights and buffers,
/// the optimizer's state and the dropout generator's state. Written to a temporary file and renamed over
/// the old one, so a crash mid-write leaves the previous checkpoint intact.
/// </summary>
public static class CheckpointFile
{
    public const string FileName = "checkpoint.bin";
    private const string Magic = "SWEEPGRID-CHECKPOINT-1";

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    public static void Save(string directory, CheckpointState state, nn.Module model, optim.Optimizer optimizer, Generator generator)
    {
        Directory.CreateDirectory(directory);
        var target = PathIn(directory);
        var temporary = target + ".tmp";
        using (var stream = File.Create(temporary))
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(state, JsonOptions));
            model.save(writer);
            ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(writer);
            using var rng = generator.get_state();
            var bytes = rng.data<byte>().ToArray();
            writer.Write(bytes.Length);
            writer.Write(bytes);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, target, overwrite: true);
    }

    public static CheckpointState? ReadState(string directory)
    {
        var path = PathIn(directory);
        if (!File.Exists(path))
        {
            return null;
        }

        using var reader = new BinaryReader(File.OpenRead(path));
        return ReadHeader(reader, path);
    }

    public static CheckpointState Load(string directory, nn.Module model, optim.Optimizer optimizer, Generator generator)
    {
        var path = PathIn(directory);
        using var reader = new BinaryReader(File.OpenRead(path));
        var state = ReadHeader(reader, path);
        model.load(reader);
        ((TorchSharp.Modules.OptimizerHelper)optimizer).load_state_dict(reader);
        var bytes = reader.ReadBytes(reader.ReadInt32());
        using var rng = torch.tensor(bytes, dtype: ScalarType.Byte);
        generator.set_state(rng);
        return state;
    }

    /// <summary>
    /// Writes the checkpoint's model weights alone, in TorchSharp's module format (<c>module.load(path)</c> on an
    /// MLP built from the same model configuration reads them back); returns the header it read.
    /// </summary>
    public static CheckpointState ExportWeights(string checkpointPath, ModelConfig config, string destination)
    {
        using var reader = new BinaryReader(File.OpenRead(checkpointPath));
        var state = ReadHeader(reader, checkpointPath);
        if (state.Features <= 0 || state.Classes <= 0)
        {
            throw new InvalidDataException($"{checkpointPath} does not record the model's input and class counts (written by an older SweepGrid); its weights cannot be exported alone");
        }

        using var scope = NewDisposeScope();
        using var init = new Generator(0, CPU);
        using var dropout = new Generator(0, CPU);
        using var model = new MlpClassifier(config, state.Features, state.Classes, init, dropout);
        model.load(reader);
        var temporary = destination + ".tmp";
        model.save(temporary);
        File.Move(temporary, destination, overwrite: true);
        return state;
    }

    private static CheckpointState ReadHeader(BinaryReader reader, string path)
    {
        try
        {
            if (reader.ReadString() != Magic)
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
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
