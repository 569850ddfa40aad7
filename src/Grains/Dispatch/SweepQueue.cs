using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Dispatch;

namespace SweepGrid.Grains.Dispatch;

/// <summary>One sweep's waiting trials and how many of its attempts are out.</summary>
internal sealed class SweepQueue(string sweepId, int maxConcurrent)
{
    private readonly LinkedList<QueuedTrial> _waiting = new();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    // Bundle keys of the waiting trials, computed when a bundle is first looked for.
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

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

    /// <summary>
    /// The first waiting trial and, behind it in queue order, up to <paramref name="maxMembers"/> − 1 more that can train fused
    /// with it (equal <see cref="ConfigCatalog.BundleKey"/>), never more than max_concurrent_trials allows out.
    /// </summary>
    public IReadOnlyList<QueuedTrial> TakeBundle(int maxMembers)
    {
        var first = _waiting.First!;
        var bundle = new List<QueuedTrial> { first.Value };
        Remove(first);
        if (maxMembers == 1)
        {
            return bundle;
        }

        var key = ConfigCatalog.BundleKey(bundle[0].Config);
        for (var node = _waiting.First; node is not null && bundle.Count < maxMembers && Out < MaxConcurrent;)
        {
            var next = node.Next;
            if (KeyOf(node.Value) == key)
            {
                bundle.Add(node.Value);
                Remove(node);
            }

            node = next;
        }

        return bundle;
    }

    private string KeyOf(QueuedTrial trial)
    {
        if (!_keys.TryGetValue(trial.TrialId, out var key))
        {
            key = ConfigCatalog.BundleKey(trial.Config);
            _keys[trial.TrialId] = key;
        }

        return key;
    }

    private void Remove(LinkedListNode<QueuedTrial> node)
    {
        _waiting.Remove(node);
        _ids.Remove(node.Value.TrialId);
        _keys.Remove(node.Value.TrialId);
        DispatcherMetrics.QueueDepth.Add(-1);
        Out++;
    }

    public IReadOnlyList<string> Clear()
    {
        var ids = _waiting.Select(t => t.TrialId).ToList();
        DispatcherMetrics.QueueDepth.Add(-ids.Count);
        _waiting.Clear();
        _ids.Clear();
        _keys.Clear();
        return ids;
    }
}
