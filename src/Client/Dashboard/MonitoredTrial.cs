using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Dashboard;

/// <summary>One trial as the dashboard holds it, with the event sequence at which it (and each of its epochs) last changed.</summary>
public sealed class MonitoredTrial(string trialId)
{
    public string TrialId { get; } = trialId;

    public TrialConfig? Config { get; set; }

    public TrialStatus Status { get; set; } = TrialStatus.Pending;

    public int Attempt { get; set; }

    public int Epoch { get; set; }

    public int Epochs { get; set; }

    public double? Loss { get; set; }

    public double? ValAccuracy { get; set; }

    public string? Silo { get; set; }

    public string? Device { get; set; }

    public string? Bundle { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public TrialMetrics? Metrics { get; set; }

    /// <summary>Epochs by number (a resumed attempt repeats some), each with the sequence of the event that reported it.</summary>
    public SortedList<int, (EpochMetrics Epoch, long Sequence)> History { get; } = [];

    /// <summary>The sequence of the last event that changed this trial.</summary>
    public long Changed { get; set; }

    public void Report(EpochMetrics epoch, long sequence)
    {
        History[epoch.Epoch] = (epoch, sequence);
        (Epoch, Epochs, Loss, ValAccuracy) = (epoch.Epoch, epoch.TotalEpochs, epoch.TrainLoss, epoch.ValidationAccuracy);
    }

    public static double?[] Point(EpochMetrics epoch) => [epoch.Epoch, epoch.TrainLoss, epoch.ValidationLoss, epoch.ValidationAccuracy];
}
