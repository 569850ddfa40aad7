using SweepGrid.Contracts.Dispatch;

namespace SweepGrid.Grains.Dispatch;

/// <summary>One sweep's waiting trials and how many of its attempts are out.</summary>
internal sealed class SweepQueue(string sweepId, int maxConcurrent)
{
    private readonly LinkedList<QueuedTrial> _waiting = new();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public string SweepId { get; } = sweepId;

    public int MaxConcurrent { get; set; } = maxConcurrent;

    /// <summary>Leases out plus leases being granted.</summary>
    public int Out { get; set; }

    public int Waiting => _waiting.Count;

    public bool CanGrant => _waiting.Count > 0 && Out < MaxConcurrent;

    public bool Contains(string trialId) => _ids.Contains(trialId);

    public void Add(QueuedTrial trial, bool front = false)
    {
        if (!_ids.Add(trial.TrialId))
        {
            return;
        }

        DispatcherMetrics.QueueDepth.Add(1);

        if (front)
        {
            _waiting.AddFirst(trial);
        }
        else
        {
            _waiting.AddLast(trial);
        }
    }

    public QueuedTrial? Peek() => _waiting.First?.Value;

    public QueuedTrial Take()
    {
        var trial = _waiting.First!.Value;
        _waiting.RemoveFirst();
        _ids.Remove(trial.TrialId);
        DispatcherMetrics.QueueDepth.Add(-1);
        Out++;
        return trial;
    }

    public IReadOnlyList<string> Clear()
    {
        var ids = _waiting.Select(t => t.TrialId).ToList();
        DispatcherMetrics.QueueDepth.Add(-ids.Count);
        _waiting.Clear();
        _ids.Clear();
        return ids;
    }
}
