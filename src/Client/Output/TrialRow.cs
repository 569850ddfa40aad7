using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Output;

/// <summary>One trial as the live view shows it.</summary>
public sealed class TrialRow(string trialId)
{
    public string TrialId { get; } = trialId;

    public TrialConfig? Config { get; set; }

    public TrialStatus Status { get; set; } = TrialStatus.Pending;

    public int Attempt { get; set; }

    public int Epoch { get; set; }

    public int TotalEpochs { get; set; }

    public double? Loss { get; set; }

    public double? ValAccuracy { get; set; }

    public string? Silo { get; set; }

    public string? Device { get; set; }

    public TrialMetrics? Metrics { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>The label of the bundle this trial trains (or trained) fused in, e.g. 9c56ac9a×4; null for a trial trained alone.</summary>
    public string? Bundle { get; set; }
}
