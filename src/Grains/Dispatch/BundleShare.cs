namespace SweepGrid.Grains.Dispatch;

/// <summary>
/// How many trials one bundle may take: what the slot asked for, but never more than its share of the sweep's waiting trials
/// (ceil(waiting / slots)), so a small sweep is not fused into one bundle on one slot while the other slots idle.
/// </summary>
internal static class BundleShare
{
    /// <param name="asked">The most members the slot trains fused (its bundle K).</param>
    /// <param name="waiting">The sweep's trials waiting to be leased.</param>
    /// <param name="slots">The slots pulling work, busy or idle (<see cref="KnownWorkers"/>); the asking one counts even if unseen.</param>
    public static int Members(int asked, int waiting, int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(asked, 1);
        var share = (Math.Max(waiting, 1) + Math.Max(slots, 1) - 1) / Math.Max(slots, 1);
        return Math.Min(asked, share);
    }
}
