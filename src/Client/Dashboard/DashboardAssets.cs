using System.Reflection;

namespace SweepGrid.Client.Dashboard;

/// <summary>The page's files, bundled from the npm packages in web/ at build time and embedded in this assembly: nothing is
/// fetched from elsewhere when the page loads.</summary>
public static class DashboardAssets
{
    private static readonly Dictionary<string, (byte[] Bytes, string Type)> Files = Load();

    public static (byte[] Bytes, string Type)? Find(string name) => Files.TryGetValue(name, out var file) ? file : null;

    private static Dictionary<string, (byte[] Bytes, string Type)> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var (name, type) in new[] { ("index.html", "text/html; charset=utf-8"), ("app.js", "text/javascript; charset=utf-8"), ("app.css", "text/css; charset=utf-8") })
        {
            using var stream = assembly.GetManifestResourceStream($"dashboard/{name}");
            if (stream is null)
            {
                continue;
            }

            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name] = (copy.ToArray(), type);
        }

        return files;
    }
}
