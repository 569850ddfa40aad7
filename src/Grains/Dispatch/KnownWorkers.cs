namespace SweepGrid.Grains.Dispatch;

/// <summary>
/// The worker slots the dispatcher has heard from lately, for <see cref="BundleShare"/>: a slot counts from its Acquire until
/// that call's wait and one lease timeout after it have passed, and each lease renewal keeps it counted for another lease
/// timeout, so a slot busy with a long bundle still counts and a slot whose silo died drops out.
/// </summary>
internal sealed class KnownWorkers
{
    private readonly Dictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    /// <summary>Counts <paramref name="worker"/> (silo and slot) until at least <paramref name="until"/>.</summary>
    public void Seen(string worker, DateTimeOffset until)
    {
        if (!_until.TryGetValue(worker, out var known) || known < until)
        {
            _until[worker] = until;
        }
    }

    /// <summary>How many slots are counted at <paramref name="now"/>; those no longer heard from are forgotten.</summary>
    public int Count(DateTimeOffset now)
    {
        foreach (var gone in _until.Where(w => w.Value <= now).Select(w => w.Key).ToList())
        {
            _until.Remove(gone);
        }

        return _until.Count;
    }
}
