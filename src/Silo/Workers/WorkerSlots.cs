using System.Globalization;

namespace SweepGrid.Silo.Workers;

/// <summary>Parses slot declarations such as "cpu x2, cuda:0 x3" (also "cpu×2", "cpu*2", or "cpu" for one).</summary>
public static class WorkerSlots
{
    public static IReadOnlyList<string> Parse(string text)
    {
        var slots = new List<string>();
        foreach (var part in text.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(['x', '×', '*', ' '], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            // "x" alone splits into nothing: no device named.
            var named = pieces.Length > 0 ? pieces[0] : "";
            var device = named.ToLowerInvariant();
            if (device != "cpu" && device != "cuda" && !device.StartsWith("cuda:", StringComparison.Ordinal))
            {
                throw new FormatException($"Workers:Slots entry '{part}' names device '{named}': use cpu, cuda or cuda:N, optionally followed by xCOUNT (e.g. 'cpu x2, cuda:0 x3')");
            }

            var count = 1;
            if (pieces.Length > 2 || (pieces.Length == 2 && (!int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1)))
            {
                throw new FormatException($"Workers:Slots entry '{part}' has a bad count: write DEVICE xN with N a positive number (e.g. 'cpu x2')");
            }

            slots.AddRange(Enumerable.Repeat(device == "cuda" ? "cuda:0" : device, count));
        }

        return slots;
    }
}
