using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Silo.Workers;

/// <summary>
/// Trials of a sweep share their dataset: it is read and normalized once per process, not once per trial. A read that failed is
/// not kept: the next trial reads again, so a folder mounted late or a file fixed in place is seen without restarting the silo.
/// </summary>
public sealed class PreparedDataCache
{
    private const int Capacity = 2;
    private readonly Lock _gate = new();
    private readonly LinkedList<(string Key, Lazy<PreparedSplits> Data)> _entries = new();

    public PreparedSplits Get(TrialSpec spec)
    {
        var key = $"{spec.Dataset with { }}|{spec.SplitSeed}";
        Lazy<PreparedSplits> data;
        lock (_gate)
        {
            var node = _entries.First;
            while (node is not null && node.Value.Key != key)
            {
                node = node.Next;
            }

            if (node is not null)
            {
                _entries.Remove(node);
                _entries.AddFirst(node);
                data = node.Value.Data;
            }
            else
            {
                data = new Lazy<PreparedSplits>(() =>
                    DatasetPreparer.Prepare(DatasetResolver.Resolve(spec.Dataset.Source).Load(), spec.Dataset, spec.SplitSeed));
                _entries.AddFirst((key, data));
                while (_entries.Count > Capacity)
                {
                    _entries.RemoveLast();
                }
            }
        }

        try
        {
            return data.Value;
        }
        catch
        {
            Forget(data);
            throw;
        }
    }

    private void Forget(Lazy<PreparedSplits> failed)
    {
        lock (_gate)
        {
            // Only the entry that failed: a newer read of the same key may have taken its place meanwhile.
            var node = _entries.First;
            while (node is not null && !ReferenceEquals(node.Value.Data, failed))
            {
                node = node.Next;
            }

            if (node is not null)
            {
                _entries.Remove(node);
            }
        }
    }
}
