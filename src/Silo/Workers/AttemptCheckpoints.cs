using System.Buffers;
using System.Globalization;

namespace SweepGrid.Silo.Workers;

/// <summary>
/// One attempt's checkpoint folders. The attempt writes only <see cref="Directory"/>, its own (<c>attempt-N</c> in the
/// trial's folder), so an attempt that was superseded but still runs somewhere (its lease expired during a stall; a
/// second process) cannot overwrite the checkpoint a later attempt resumes from or completed with. It resumes from the
/// latest checkpoint among its earlier attempts' folders (<see cref="Earlier"/>, newest first, then the trial's folder
/// itself, where earlier SweepGrid versions wrote theirs).
/// </summary>
public sealed record AttemptCheckpoints(string Directory, IReadOnlyList<string> Earlier)
{
    private const string Prefix = "attempt-";
    private static readonly SearchValues<char> SafeChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    public static AttemptCheckpoints For(string root, string sweepId, string trialId, int attempt)
    {
        var trial = Path.Combine(root, Safe(sweepId), Safe(trialId));
        var earlier = new List<string>();
        if (System.IO.Directory.Exists(trial))
        {
            earlier.AddRange(System.IO.Directory.EnumerateDirectories(trial, Prefix + "*")
                .Select(d => (Folder: d, Attempt: AttemptOf(d)))
                .Where(d => d.Attempt is { } n && n < attempt)
                .OrderByDescending(d => d.Attempt)
                .Select(d => d.Folder));
            earlier.Add(trial);
        }

        return new AttemptCheckpoints(Path.Combine(trial, Prefix + attempt.ToString(CultureInfo.InvariantCulture)), earlier);
    }

    /// <summary>Once the attempt completed with its own checkpoint, the earlier attempts' folders are of no more use; one
    /// that cannot be removed now (a superseded attempt still writing to it) is left for the disk's owner.</summary>
    public void RemoveEarlier()
    {
        foreach (var folder in Earlier.Where(f => AttemptOf(f) is not null))
        {
            try
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private static int? AttemptOf(string folder) =>
        Path.GetFileName(folder) is { } name && name.StartsWith(Prefix, StringComparison.Ordinal)
        && int.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string Safe(string name) =>
        name.AsSpan().ContainsAnyExcept(SafeChars) ? string.Concat(name.Select(c => SafeChars.Contains(c) ? c : '_')) : name;
}
