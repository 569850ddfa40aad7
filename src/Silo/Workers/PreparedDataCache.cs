using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Silo.Workers;

/// <summary>Trials of a sweep share their dataset: it is read and normalized once per process, not once per trial.</summary>
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

        return data.Value;
    }
}
