namespace SweepGrid.Trainer.Datasets;

/// <summary>Fisher–Yates over SplitMix64: the same seed gives the same order on every platform and .NET version.</summary>
public static class SeededShuffle
{
    public static int[] Permutation(int count, ulong seed)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var state = seed;
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)(Next(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>A seed for one purpose (an epoch's order, the validation split) derived from the trial's seed.</summary>
    public static ulong Derive(long seed, ulong purpose, long index = 0)
    {
        var state = unchecked((ulong)seed ^ (purpose * 0x9E3779B97F4A7C15UL) ^ ((ulong)index * 0xD1B54A32D192ED03UL));
        return Next(ref state);
    }

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
