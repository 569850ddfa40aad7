using System.Runtime.InteropServices;
using System.Text;
using SweepGrid.Contracts.Trials;
using SweepGrid.Silo.Workers;
using SweepGrid.Trainer.Checkpoints;
using SweepGrid.Trainer.Runner;
using SweepGrid.Trainer.Runtime;

namespace SweepGrid.Client.Results;

/// <summary>
/// `sweepgrid best ID --export DIR`: config.json, metrics.json, report.txt, spec.yaml (when given) and, when the trial's
/// checkpoint is on this machine, its model's weights: weights.bin in TorchSharp's module format (<c>module.load(path)</c> on an
/// MLP built from config.json reads them), state_dict.pt (<c>torch.load</c>) and model.safetensors under the names of the
/// equivalent <c>torch.nn.Sequential</c>, and model.py, which builds that Sequential and loads state_dict.pt. The files are
/// replaced together; an unusable folder raises <see cref="ResultsPathException"/>.
/// </summary>
public static class BestExport
{
    public const string ConfigFile = "config.json";
    public const string MetricsFile = "metrics.json";
    public const string ReportFile = "report.txt";
    public const string SpecFile = "spec.yaml";
    public const string WeightsFile = "weights.bin";
    public const string StateDictFile = "state_dict.pt";
    public const string SafetensorsFile = "model.safetensors";
    public const string ScriptFile = "model.py";

    public static readonly IReadOnlyList<string> Files = [ConfigFile, MetricsFile, ReportFile, SpecFile, WeightsFile, StateDictFile, SafetensorsFile, ScriptFile];

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static ResultsFiles Write(string directory, TrialSnapshot best, string? specYaml = null)
    {
        ArgumentNullException.ThrowIfNull(best);
        var config = best.Config ?? throw new ArgumentException($"trial {best.TrialId} has no configuration to export", nameof(best));
        var folder = StagedFolder.Open(directory);
        var skipped = new List<SkippedFile>();
        try
        {
            folder.Add(ConfigFile, Utf8.GetBytes(ResultsJson.Config(config) + "\n"));
            folder.Add(MetricsFile, Utf8.GetBytes(ResultsJson.Metrics(best) + "\n"));
            folder.Add(ReportFile, Utf8.GetBytes(BestReportText.For(best)));
            if (string.IsNullOrWhiteSpace(specYaml))
            {
                skipped.Add(new SkippedFile(SpecFile, "the sweep's spec text was not given"));
            }
            else
            {
                folder.Add(SpecFile, Utf8.GetBytes(specYaml.EndsWith('\n') ? specYaml : specYaml + "\n"));
            }

            if (Weights(folder, best, config) is { } reason)
            {
                skipped.Add(new SkippedFile(WeightsFile, reason));
                skipped.AddRange(new[] { StateDictFile, SafetensorsFile, ScriptFile }.Select(f => new SkippedFile(f, $"no weights ({WeightsFile})")));
            }
            else
            {
                folder.Add(ScriptFile, Utf8.GetBytes(SequentialScript.Text));
            }
        }
        catch
        {
            folder.Abandon();
            throw;
        }

        var written = folder.Commit(Files);
        return new ResultsFiles(folder.Root, written, skipped, []);
    }

    // Stages weights.bin, state_dict.pt and model.safetensors; answers why they were not, or null when they were.
    private static string? Weights(StagedFolder folder, TrialSnapshot best, TrialConfig config)
    {
        var where = best.Silo is null ? "" : $" (the trial ran on silo {best.Silo})";
        if (string.IsNullOrWhiteSpace(best.CheckpointPath))
        {
            return $"trial {best.TrialId} recorded no checkpoint{where}: it ran without a checkpoint folder, so there are no weights to export";
        }

        var checkpoint = Directory.Exists(best.CheckpointPath) ? CheckpointFile.PathIn(best.CheckpointPath) : best.CheckpointPath;
        if (!File.Exists(checkpoint))
        {
            return $"the checkpoint {checkpoint} is not on this machine{where}: run the export on that machine, or copy the file to the same path here";
        }

        var files = new WeightsFiles(folder.Reserve(WeightsFile), folder.Reserve(StateDictFile), folder.Reserve(SafetensorsFile));
        try
        {
            TorchRuntime.EnsureAvailable();
            // The checkpoint must be this trial's own at its last epoch: not another configuration's file at that path, nor
            // one a later or superseded attempt wrote after the result was recorded.
            var fingerprint = TrialSpecMapper.ToSpec(config, "cpu", 1, null).Fingerprint();
            var epoch = best.History.Count > 0 ? best.History[^1].Epoch : config.Epochs;
            CheckpointFile.ExportWeights(checkpoint, TrialSpecMapper.ModelOf(config), files, fingerprint, epoch);
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or TrainingConfigException or TorchUnavailableException
                                       or ArgumentException or IOException or UnauthorizedAccessException or ExternalException)
        {
            folder.Cancel(WeightsFile);
            folder.Cancel(StateDictFile);
            folder.Cancel(SafetensorsFile);
            return $"the weights could not be exported from {checkpoint}: {e.Message}";
        }
    }
}
