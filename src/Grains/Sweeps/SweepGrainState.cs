using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Grains.Sweeps;

[GenerateSerializer]
public sealed class SweepGrainState
{
    [Id(0)] public SweepState State { get; set; }

    [Id(1)] public string Name { get; set; } = "";

    [Id(2)] public string SpecYaml { get; set; } = "";

    [Id(3)] public List<TrialConfig> Trials { get; set; } = [];

    [Id(4)] public string Metric { get; set; } = "val_accuracy";

    [Id(5)] public bool Maximize { get; set; } = true;

    [Id(6)] public int MaxConcurrentTrials { get; set; } = int.MaxValue;

    [Id(7)] public int MaxRetries { get; set; }

    [Id(8)] public bool CancelRequested { get; set; }

    [Id(9)] public DateTimeOffset? LaunchedAt { get; set; }

    [Id(10)] public DateTimeOffset? FinishedAt { get; set; }

    [Id(11)] public string? TraceParent { get; set; }

    /// <summary>Early stopping's decisions per trial id; null when the sweep has no early stopping.</summary>
    [Id(12)] public Dictionary<string, ScheduledTrial>? Schedule { get; set; }

    /// <summary>An adaptive search's budget (<c>count</c>): its trials are suggested as slots free, each appended to
    /// <see cref="Trials"/> (in the order suggested) before it is queued. Null for a listed search (grid, random).</summary>
    [Id(13)] public int? Budget { get; set; }
}
