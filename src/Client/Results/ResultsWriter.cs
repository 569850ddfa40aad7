using System.Text;
using SweepGrid.Client.Plots;
using SweepGrid.Contracts.Trials;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Client.Results;

/// <summary>
/// Writes a sweep's results folder: spec.yaml, trials.jsonl, leaderboard.csv, best.json, best-report.txt and plots/*.png.
/// All files are replaced together (see <see cref="StagedFolder"/>); a file that cannot be made this time (no completed
/// trial, no dataset on this machine) is reported as skipped and an older copy of it is removed.
/// </summary>
public static class ResultsWriter
{
    public const string SpecFile = "spec.yaml";
    public const string TrialsFile = "trials.jsonl";
    public const string LeaderboardFile = "leaderboard.csv";
    public const string BestFile = "best.json";
    public const string BestReportFile = "best-report.txt";
    public const string ValidationAccuracyPlotFile = "plots/val-accuracy.png";
    public const string LearningCurvesPlotFile = "plots/learning-curves.png";
    public const string ConfusionMatrixPlotFile = "plots/confusion-matrix.png";
    public const string SamplesPlotFile = "plots/samples.png";

    public static readonly IReadOnlyList<string> Files =
    [
        SpecFile, TrialsFile, LeaderboardFile, BestFile, BestReportFile,
        ValidationAccuracyPlotFile, LearningCurvesPlotFile, ConfusionMatrixPlotFile, SamplesPlotFile,
    ];

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes (or rewrites) the folder; an unusable folder raises <see cref="ResultsPathException"/> and leaves it as it was.</summary>
    public static ResultsFiles Write(string directory, SweepResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var folder = StagedFolder.Open(directory);
        var skipped = new List<SkippedFile>();
        var notes = new List<string>();
        try
        {
            Stage(folder, results, skipped, notes);
        }
        catch
        {
            folder.Abandon();
            throw;
        }

        var written = folder.Commit(Files);
        return new ResultsFiles(folder.Root, written, skipped, notes);
    }

    /// <summary>best.json's text (what `best --json` prints), or null while no trial has completed.</summary>
    public static string? BestJson(SweepResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return TrialRanking.Best(results) is { } best ? ResultsJson.Best(best, results.Status.Metric) : null;
    }

    private static void Stage(StagedFolder folder, SweepResults results, List<SkippedFile> skipped, List<string> notes)
    {
        var status = results.Status;
        if (string.IsNullOrWhiteSpace(results.SpecYaml))
        {
            skipped.Add(new SkippedFile(SpecFile, "the sweep's spec text is not known"));
        }
        else
        {
            // Byte for byte as launched: the file may be launched again and must reach the same sweep.
            folder.Add(SpecFile, Utf8.GetBytes(results.SpecYaml));
        }

        var lines = new StringBuilder();
        foreach (var trial in results.Trials)
        {
            lines.Append(ResultsJson.TrialLine(trial)).Append('\n');
        }

        folder.Add(TrialsFile, Utf8.GetBytes(lines.ToString()));

        var ranked = TrialRanking.Completed(results);
        var configs = results.Trials.Select(t => t.Config).Concat(results.Leaderboard.Select(e => e.Config)).OfType<TrialConfig>();
        var varying = ConfigFields.Varying(configs);
        folder.Add(LeaderboardFile, Utf8.GetBytes(LeaderboardCsv.Write(ranked, varying, status.Metric)));

        if (ranked.Count == 0)
        {
            const string none = "no trial has completed yet";
            notes.Add($"no trial has completed ({status.Completed} completed, {status.Diverged} diverged, {status.Failed} failed, {status.Cancelled} cancelled, " +
                      $"{status.Pending + status.Running} pending or running): only spec.yaml, trials.jsonl and an empty leaderboard.csv were written");
            foreach (var file in new[] { BestFile, BestReportFile, ValidationAccuracyPlotFile, LearningCurvesPlotFile, ConfusionMatrixPlotFile })
            {
                skipped.Add(new SkippedFile(file, none));
            }
        }
        else
        {
            var best = ranked[0];
            folder.Add(BestFile, Utf8.GetBytes(ResultsJson.Best(best, status.Metric) + "\n"));
            folder.Add(BestReportFile, Utf8.GetBytes(BestReportText.For(best, status.Metric)));
            if (!PlotTheme.HasFonts)
            {
                notes.Add($"no fonts were found under /usr/share/fonts, so the plots have no text: {PlotTheme.FontHint}");
            }

            Plot(folder, skipped, ValidationAccuracyPlotFile, () =>
                ranked.Any(t => t.Metrics?.ValAccuracy is { } v && double.IsFinite(v))
                    ? ValidationAccuracyPlot.Render(ranked, varying, status.Name)
                    : throw new SkipException("no completed trial has a validation accuracy (the sweep's validation_split is 0?)"));
            Plot(folder, skipped, LearningCurvesPlotFile, () =>
                ranked.Any(t => t.History.Count > 0)
                    ? LearningCurvesPlot.Render(ranked, varying)
                    : throw new SkipException("the completed trials recorded no epoch history"));
            Plot(folder, skipped, ConfusionMatrixPlotFile, () =>
                best.Metrics!.ConfusionMatrix.Count > 0
                    ? ConfusionMatrixPlot.Render(best.Metrics.ConfusionMatrix, best.Metrics.ClassNames, $"Test confusion matrix — best trial {best.TrialId}")
                    : throw new SkipException($"the best trial {best.TrialId} has no test confusion matrix"));
        }

        var sampleConfig = ranked.FirstOrDefault()?.Config ?? results.Trials.Select(t => t.Config).OfType<TrialConfig>().FirstOrDefault()
            ?? results.Leaderboard.Select(e => e.Config).FirstOrDefault();
        Plot(folder, skipped, SamplesPlotFile, () => sampleConfig is null
            ? throw new SkipException("no trial configuration names the dataset")
            : Samples(sampleConfig));
    }

    private static PlotImage Samples(TrialConfig config)
    {
        var source = config.DatasetPath ?? config.DatasetName;
        DatasetFiles files;
        try
        {
            files = DatasetResolver.Resolve(source).Load();
        }
        catch (Exception e) when (e is TrainingConfigException or DatasetFormatException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new SkipException($"the dataset '{source}' cannot be read on this machine: {e.Message}");
        }

        var images = files.Train.Count > 0 ? files.Train : files.Test;
        return SampleGridPlot.Render(images, files.ClassNames, files.Name);
    }

    // A plot that cannot be drawn is skipped with its reason; the folder's other files still count.
    private static void Plot(StagedFolder folder, List<SkippedFile> skipped, string file, Func<PlotImage> render)
    {
        try
        {
            folder.Add(file, render().Png);
        }
        catch (SkipException e)
        {
            skipped.Add(new SkippedFile(file, e.Message));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or OverflowException
                                      or DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            skipped.Add(new SkippedFile(file, $"the plot could not be drawn: {e.Message}"));
        }
    }
}
