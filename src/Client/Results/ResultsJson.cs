using System.Text.Json;
using SweepGrid.Client.Output;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Results;

/// <summary>
/// The JSON of the results files, with the snake_case names `train --json` uses. <see cref="TrialConfig"/> and
/// <see cref="TrialMetrics"/> read back with <see cref="Options"/>; NaN and infinities (a diverged loss) are written as strings.
/// </summary>
public static class ResultsJson
{
    public static JsonSerializerOptions Options => CliJson.Indented;

    private static JsonSerializerOptions Line => CliJson.Lines;

    /// <summary>One line of trials.jsonl: everything the sweep knows about the trial, whatever its outcome.</summary>
    public static string TrialLine(TrialSnapshot trial) => JsonSerializer.Serialize(TrialDocument(trial), Line);

    /// <summary>best.json, and what `best --json` prints: the best trial ranked by <paramref name="metric"/> (the sweep's metric).</summary>
    public static string Best(TrialSnapshot best, string metric)
    {
        ArgumentNullException.ThrowIfNull(best);
        var document = new
        {
            SweepId = best.SweepId,
            TrialId = best.TrialId,
            Metric = metric,
            Value = best.Metrics?.Value(metric),
            Status = best.Status,
            Attempt = best.Attempt,
            Silo = best.Silo,
            Device = best.Device,
            StartedAt = best.StartedAt,
            FinishedAt = best.FinishedAt,
            DurationSeconds = DurationSeconds(best),
            ResumedAfterEpoch = best.ResumedAfterEpoch,
            Config = best.Config,
            Metrics = best.Metrics,
            History = best.History,
            CheckpointPath = best.CheckpointPath,
        };
        return JsonSerializer.Serialize(document, Options);
    }

    /// <summary>config.json of an export: the configuration alone, readable back as a <see cref="TrialConfig"/>.</summary>
    public static string Config(TrialConfig config) => JsonSerializer.Serialize(config, Options);

    /// <summary>metrics.json of an export: the trial's metrics (report and confusion matrix included) and its epoch history.</summary>
    public static string Metrics(TrialSnapshot trial)
    {
        var document = new
        {
            TrialId = trial.TrialId,
            Status = trial.Status,
            Metrics = trial.Metrics,
            History = trial.History,
        };
        return JsonSerializer.Serialize(document, Options);
    }

    public static double? DurationSeconds(TrialSnapshot trial) =>
        trial is { StartedAt: { } started, FinishedAt: { } finished } && finished >= started ? (finished - started).TotalSeconds : null;

    private static object TrialDocument(TrialSnapshot trial) => new
    {
        TrialId = trial.TrialId,
        SweepId = trial.SweepId,
        Status = trial.Status,
        Reason = trial.Reason,
        Attempt = trial.Attempt,
        Failures = trial.Failures,
        LostAttempts = trial.LostAttempts,
        Silo = trial.Silo,
        Device = trial.Device,
        StartedAt = trial.StartedAt,
        FinishedAt = trial.FinishedAt,
        DurationSeconds = DurationSeconds(trial),
        EpochsCompleted = trial.History.Count,
        ResumedAfterEpoch = trial.ResumedAfterEpoch,
        Config = trial.Config,
        Metrics = trial.Metrics,
        History = trial.History,
        CheckpointPath = trial.CheckpointPath,
    };

}
