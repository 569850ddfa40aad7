namespace SweepGrid.Client.Results;

/// <summary>
/// What a write produced: the folder, the files written (relative to it, e.g. plots/val-accuracy.png), those skipped with
/// why, and notes the user should see (no completed trial yet, no fonts for the plots' text).
/// </summary>
public sealed record ResultsFiles(string Directory, IReadOnlyList<string> Written, IReadOnlyList<SkippedFile> Skipped, IReadOnlyList<string> Notes)
{
    public string PathOf(string name) => Path.Combine(Directory, name);
}
