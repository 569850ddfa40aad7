using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Optimizers;

namespace SweepGrid.Trainer.Runner;

/// <summary>Everything one trial trains with. Defaults are the seed experiment's (Adam 0.001, 10 epochs, batch 128).</summary>
public sealed record TrialSpec
{
    public DatasetOptions Dataset { get; init; } = new();

    public ModelConfig Model { get; init; } = new();

    public OptimizerConfig Optimizer { get; init; } = new();

    /// <summary>Share of each target's probability spread evenly over every class in the training loss (0: plain cross-entropy).</summary>
    [OmittedFromFingerprintAt(0.0)]
    public double LabelSmoothing { get; init; }

    public int Epochs { get; init; } = 10;

    public int BatchSize { get; init; } = 128;

    /// <summary>Seeds weight init, dropout masks and the order of every epoch.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Seeds the validation split; trials of one sweep share it so they are compared on the same images.</summary>
    public long SplitSeed { get; init; } = 42;

    public string Device { get; init; } = "cpu";

    /// <summary>libtorch intra-op threads for this trial; 1 lets trials run side by side without OpenMP threads spinning.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Where the trial writes its checkpoint, and resumes from one found there; null trains without checkpoints.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>
    /// Folders the trial only reads a checkpoint from (earlier attempts' own), preferred in this order at equal epochs: it
    /// resumes from the latest whole checkpoint of its own configuration among these and <see cref="CheckpointDirectory"/>,
    /// passing over damaged ones and ones of another configuration.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> ResumeFrom { get; init; } = [];

    public void Validate()
    {
        if (Epochs < 1)
        {
            throw new TrainingConfigException("epochs", Epochs.ToString(CultureInfo.InvariantCulture), "it must be 1 or more");
        }

        if (BatchSize < 1)
        {
            throw new TrainingConfigException("batch_size", BatchSize.ToString(CultureInfo.InvariantCulture), "it must be 1 or more");
        }

        if (Threads < 1)
        {
            throw new TrainingConfigException("threads", Threads.ToString(CultureInfo.InvariantCulture), "it must be 1 or more");
        }

        if (Dataset.TrainLimit is < 2)
        {
            throw new TrainingConfigException("train_limit", Dataset.TrainLimit.Value.ToString(CultureInfo.InvariantCulture), "it must be 2 or more");
        }

        if (Dataset.TestLimit is < 1)
        {
            throw new TrainingConfigException("test_limit", Dataset.TestLimit.Value.ToString(CultureInfo.InvariantCulture), "it must be 1 or more");
        }

        if (LabelSmoothing is < 0 or >= 1 || double.IsNaN(LabelSmoothing))
        {
            throw new TrainingConfigException("label_smoothing", LabelSmoothing.ToString(CultureInfo.InvariantCulture), "it must be at least 0 and below 1");
        }

        Model.Validate();
        Optimizer.Validate();
    }

    /// <summary>Identifies what the trial computes (not where): a checkpoint resumes only a trial with the same fingerprint.</summary>
    public string Fingerprint()
    {
        var what = this with { Device = "", Threads = 0, CheckpointDirectory = null };
        var json = JsonSerializer.Serialize(what, OmittedFromFingerprintAtAttribute.Json);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16].ToLowerInvariant();
    }
}
