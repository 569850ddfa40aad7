using System.Globalization;
using System.Text;
using System.Text.Json;
using SweepGrid.Contracts.Trials;
using SweepGrid.Silo.Workers;
using SweepGrid.Trainer.Metrics;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Client.Output;

/// <summary>How `train` shows a trial: a line per epoch, then a text report or one JSON object.</summary>
public static class TrainReport
{
    private static JsonSerializerOptions Json => CliJson.Indented;

    public static string EpochLine(EpochReport r) =>
        FormattableString.Invariant($"epoch {r.Epoch,3}/{r.TotalEpochs}  loss {r.TrainLoss:F4}  acc {r.TrainAccuracy:F4}") +
        (r.ValidationLoss is { } vl ? FormattableString.Invariant($"  val_loss {vl:F4}  val_acc {r.ValidationAccuracy:F4}") : "") +
        FormattableString.Invariant($"  lr {r.LearningRate:G4}  {r.DurationSeconds:F1} s  {r.SamplesPerSecond:N0} samples/s");

    public static string ToJson(TrialConfig config, string device, TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(result);
        var metrics = TrialSpecMapper.ToMetrics(result);
        var document = new
        {
            Outcome = result.Outcome,
            Reason = result.Reason,
            Dataset = config.DatasetPath ?? config.DatasetName,
            Optimizer = config.Optimizer,
            LearningRate = config.LearningRate,
            Dropout = config.Dropout,
            Epochs = config.Epochs,
            EpochsCompleted = result.EpochsCompleted,
            ResumedFromEpoch = result.ResumedFromEpoch,
            BatchSize = config.BatchSize,
            Seed = config.Seed,
            Device = device,
            Config = config,
            ValLoss = metrics.ValLoss,
            ValAccuracy = metrics.ValAccuracy,
            ValMacroF1 = metrics.ValMacroF1,
            TestLoss = metrics.TestLoss,
            TestAccuracy = metrics.TestAccuracy,
            TestMacroF1 = metrics.TestMacroF1,
            SamplesPerSecond = metrics.SamplesPerSecond,
            DurationSeconds = result.DurationSeconds,
            ClassNames = metrics.ClassNames,
            ConfusionMatrix = result.Test is null ? null : metrics.ConfusionMatrix,
            ClassificationReport = result.Test?.Report,
            History = result.History,
        };
        return JsonSerializer.Serialize(document, Json);
    }

    public static string ToText(TrialResult result)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"outcome: {result.Outcome.ToString().ToLowerInvariant()}");
        text.AppendLine(result.Reason is null ? "" : $" ({result.Reason})");
        text.AppendLine(CultureInfo.InvariantCulture, $"epochs: {result.EpochsCompleted}{(result.ResumedFromEpoch > 0 ? $" (resumed after epoch {result.ResumedFromEpoch})" : "")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"training throughput: {result.SamplesPerSecond:N0} samples/s");
        if (result.Validation is { } validation)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"validation: loss {validation.Loss:F4}  accuracy {validation.Accuracy:F4}  macro-F1 {validation.MacroF1:F4}");
        }

        if (result.Test is { } test)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"test:       loss {test.Loss:F4}  accuracy {test.Accuracy:F4}  macro-F1 {test.MacroF1:F4}");
            text.AppendLine();
            text.AppendLine("classification report (test):");
            text.Append(test.Report.ToText());
            text.AppendLine();
            text.AppendLine("confusion matrix (test; rows: true class, columns: predicted):");
            text.Append(MatrixText(test.ConfusionMatrix, result.ClassNames));
        }

        return text.ToString();
    }

    private static string MatrixText(ConfusionMatrix matrix, IReadOnlyList<string> names)
    {
        var labelWidth = names.Max(n => n.Length) + 2;
        var cell = Math.Max(6, matrix.Counts.SelectMany(r => r).Max().ToString(CultureInfo.InvariantCulture).Length + 2);
        var text = new StringBuilder();
        text.Append(' ', labelWidth);
        for (var c = 0; c < matrix.ClassCount; c++)
        {
            text.Append(c.ToString(CultureInfo.InvariantCulture).PadLeft(cell));
        }

        text.AppendLine();
        for (var r = 0; r < matrix.ClassCount; r++)
        {
            text.Append($"{r} {names[r]}".PadRight(labelWidth));
            foreach (var count in matrix.Counts[r])
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture).PadLeft(cell));
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
