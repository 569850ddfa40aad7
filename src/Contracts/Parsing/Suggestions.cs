namespace SweepGrid.Contracts.Parsing;

/// <summary>"Did you mean" for misspelt keys and names.</summary>
internal static class Suggestions
{
    public static string? Closest(string written, IEnumerable<string> allowed)
    {
        var typed = written.Trim().ToLowerInvariant();
        if (typed.Length == 0)
        {
            return null;
        }

        var limit = Math.Clamp(typed.Length / 3, 1, 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in allowed)
        {
            var distance = Distance(typed, candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        if (best is not null && bestDistance <= limit)
        {
            return best;
        }

        // An abbreviation (val_acc, rms) is too far by edit distance but still clearly meant.
        return typed.Length >= 3
            ? allowed.Where(a => a.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).OrderBy(a => a.Length).FirstOrDefault()
            : null;
    }

    /// <summary>Damerau-Levenshtein distance (optimal string alignment): insertions, deletions, substitutions, adjacent swaps.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
