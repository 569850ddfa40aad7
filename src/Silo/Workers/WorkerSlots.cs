using System.Globalization;

namespace SweepGrid.Silo.Workers;

/// <summary>One trial slot: the device it trains on and how many compatible trials it trains fused at once (null: <see cref="AutoBundle"/> decides).</summary>
public sealed record WorkerSlot(string Device, int? Bundle = null)
{
    /// <summary>The most trials this slot trains as one bundle.</summary>
    public int Members => Bundle ?? AutoBundle.For(Device);

    /// <summary>The most trials this slot trains as one bundle with an executor that does (or does not) take auto's bundles.</summary>
    public int MembersWith(ITrialExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(executor);
        return Bundle ?? (executor.AutoBundles ? AutoBundle.For(Device) : 1);
    }

    public override string ToString() => Bundle is { } k ? $"{Device} bundle {k}" : Device;
}

/// <summary>
/// Parses slot declarations such as "cpu x2, cuda:0 x3" (also "cpu×2", "cpu*2", or "cpu" for one), each optionally followed by
/// "bundle K" (each slot trains up to K compatible trials fused) or "bundle auto" (the default: what pays on that device).
/// </summary>
public static class WorkerSlots
{
    /// <summary>The most members a bundle may have.</summary>
    public const int MaxBundle = 1024;

    public static IReadOnlyList<WorkerSlot> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slots = new List<WorkerSlot>();
        foreach (var part in text.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var words = part.Split(' ', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            var at = words.FindIndex(w => w.Equals("bundle", StringComparison.OrdinalIgnoreCase));
            int? bundle = null;
            if (at >= 0)
            {
                if (at != words.Count - 2)
                {
                    throw new FormatException($"Workers:Slots entry '{part}' has a bad bundle: write DEVICE xN bundle K (K from 1 to {MaxBundle}) or bundle auto, e.g. 'cuda:0 x1 bundle 27'");
                }

                bundle = ParseBundle(words[^1], $"Workers:Slots entry '{part}'");
                words.RemoveRange(at, 2);
            }

            var pieces = string.Join(' ', words).Split(['x', '×', '*', ' '], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            // "x" alone splits into nothing: no device named.
            var named = pieces.Length > 0 ? pieces[0] : "";
            var device = named.ToLowerInvariant();
            if (device != "cpu" && device != "cuda" && !device.StartsWith("cuda:", StringComparison.Ordinal))
            {
                throw new FormatException($"Workers:Slots entry '{part}' names device '{named}': use cpu, cuda or cuda:N, optionally followed by xCOUNT and bundle K (e.g. 'cpu x2, cuda:0 x1 bundle 27')");
            }

            var count = 1;
            if (pieces.Length > 2 || (pieces.Length == 2 && (!int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1)))
            {
                throw new FormatException($"Workers:Slots entry '{part}' has a bad count: write DEVICE xN with N a positive number (e.g. 'cpu x2')");
            }

            slots.AddRange(Enumerable.Repeat(new WorkerSlot(device == "cuda" ? "cuda:0" : device, bundle), count));
        }

        return slots;
    }

    /// <summary>A bundle size as written after "bundle" or given to <c>--bundle</c>: 1 to <see cref="MaxBundle"/>, or auto (null).</summary>
    public static int? ParseBundle(string text, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var k) || k < 1 || k > MaxBundle)
        {
            throw new FormatException($"{where} has bundle '{text}': give a whole number of trials from 1 (no fusing) to {MaxBundle}, or auto");
        }

        return k;
    }
}

/// <summary>
/// The bundle size a slot uses when none is given: how many trials fused pay on the device, from bench/RESULTS.md. On a GPU
/// a trial of the seed MLP leaves the device idle between kernel launches, and 27 fused members are where the batched model
/// reaches 20× one trial (DESIGN.md's PyTorch figure); on CPU fusing saves per-operation overhead only (1.5× per thread in
/// the trainer), so a bundle there is one optimizer's share of the example grid. The dispatcher caps each bundle at its slot's
/// share of the waiting trials (BundleShare), so a large K never leaves other slots idle.
/// </summary>
public static class AutoBundle
{
    /// <summary>K on a GPU.</summary>
    public const int Cuda = 27;

    /// <summary>K on a CPU.</summary>
    public const int Cpu = 9;

    public static int For(string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.StartsWith("cuda", StringComparison.Ordinal) ? Cuda : Cpu;
    }
}
