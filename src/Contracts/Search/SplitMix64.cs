namespace SweepGrid.Contracts.Search;

/// <summary>
/// Steele, Lea and Flood's SplitMix64: tiny, fast and fully specified, so a seed gives the same numbers on every
/// runtime and machine, which System.Random does not promise.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong state = seed;

    public ulong NextUInt64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A whole number in [0, bound), without modulo bias.</summary>
    public ulong NextBelow(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var r = NextUInt64();
            if (r >= threshold)
            {
                return r % bound;
            }
        }
    }

    /// <summary>A whole number in [min, max], both included.</summary>
    public long NextInRange(long min, long max)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(min, max);
        var span = unchecked((ulong)(max - min));
        var offset = span == ulong.MaxValue ? NextUInt64() : NextBelow(span + 1);
        return unchecked(min + (long)offset);
    }
}
