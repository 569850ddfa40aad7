using System.Text.Json.Serialization;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Dashboard.Api;

/// <summary>
/// One trial as the page shows it. <see cref="History"/> is set in a sweep's full state, <see cref="NewEpochs"/> in an
/// update (the epochs to add or replace since the page's last one), <see cref="Metrics"/> for a trial asked for alone.
/// An epoch is [epoch, train_loss, val_loss, val_accuracy].
/// </summary>
public sealed record TrialJson
{
    public required string TrialId { get; init; }

    public string Label { get; init; } = "";

    public IReadOnlyDictionary<string, object?> Config { get; init; } = new Dictionary<string, object?>();

    public TrialStatus Status { get; init; }

    public int Attempt { get; init; }

    public int Epoch { get; init; }

    public int Epochs { get; init; }

    public double? Loss { get; init; }

    public double? ValAccuracy { get; init; }

    /// <summary>The sweep's metric, once the trial finished with one.</summary>
    public double? Value { get; init; }

    public string? Silo { get; init; }

    public string? Device { get; init; }

    public string? Bundle { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double?[]>? History { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double?[]>? NewEpochs { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetricsJson? Metrics { get; init; }
}
