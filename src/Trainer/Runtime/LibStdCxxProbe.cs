using System.Text;

namespace SweepGrid.Trainer.Runtime;

/// <summary>Finds the C++ runtime this process uses and whether it provides a symbol version.</summary>
public static class LibStdCxxProbe
{
    public const string RequiredVersion = "GLIBCXX_3.4.32";

    private static readonly string[] StandardLocations =
    [
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    ];

    /// <summary>The libstdc++ mapped into this process, else the first one in a standard location.</summary>
    public static string? Locate()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                var at = line.IndexOf('/');
                if (at >= 0 && line.Contains("libstdc++.so", StringComparison.Ordinal))
                {
                    return line[at..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return StandardLocations.FirstOrDefault(File.Exists);
    }

    public static bool Provides(string libraryPath, string version)
    {
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        var data = File.ReadAllBytes(libraryPath);
        return data.AsSpan().IndexOf(needle) >= 0;
    }
}
