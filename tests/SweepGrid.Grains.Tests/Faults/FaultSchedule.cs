using System.Collections.Concurrent;

namespace SweepGrid.Grains.Tests.Faults;

/// <summary>
/// A seeded random fault schedule shared by every silo of an in-process cluster: each storage operation and grain call
/// draws whether it fails (before or after taking effect) or is delayed, while the schedule is on and its budget lasts.
/// Draws come in whatever order the cluster makes its calls, so a seed picks a schedule's mix, not an exact replay.
/// </summary>
public sealed class FaultSchedule(int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<InjectedFault> _injected = new();

    public int Seed { get; } = seed;

    /// <summary>Chance that a storage read, write or clear is hit.</summary>
    public double StorageRate { get; init; } = 0.05;

    /// <summary>Chance that a call to a SweepGrid grain is hit.</summary>
    public double CallRate { get; init; } = 0.03;

    /// <summary>The most faults the schedule injects.</summary>
    public int Budget { get; init; } = 60;

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Faults are injected only while this is set.</summary>
    public bool Active { get; set; }

    public IReadOnlyCollection<InjectedFault> Injected => _injected;

    public int Count(string where) => _injected.Count(f => f.Where == where);

    /// <summary>The fault for this operation, or null when it runs untouched.</summary>
    public (FaultKind Kind, TimeSpan Delay)? Draw(string where, string operation, double rate)
    {
        if (!Active)
        {
            return null;
        }

        lock (_gate)
        {
            if (_injected.Count >= Budget || _random.NextDouble() >= rate)
            {
                return null;
            }

            var kind = (FaultKind)_random.Next(3);
            var delay = TimeSpan.FromMilliseconds(_random.Next(20, (int)MaxDelay.TotalMilliseconds));
            _injected.Enqueue(new InjectedFault(where, operation, kind));
            return (kind, delay);
        }
    }
}
