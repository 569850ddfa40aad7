namespace SweepGrid.Deploy.Tests;

/// <summary>The repository checkout these tests read: the nearest folder above the test binaries holding SweepGrid.sln.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "SweepGrid.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no SweepGrid.sln above {AppContext.BaseDirectory}");
    }
}
