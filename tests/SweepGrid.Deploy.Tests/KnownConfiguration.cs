using System.Text.RegularExpressions;

namespace SweepGrid.Deploy.Tests;

/// <summary>
/// The configuration keys and environment variables the code reads, collected from src/**/*.cs so that the list
/// cannot drift from the code: configuration["A:B"], GetValue("A:B", …), options classes bound with
/// AddOptions&lt;T&gt;().Bind(….GetSection("S")) (every settable property P gives S:P), and const strings "SWEEPGRID_…"
/// (variables read with Environment.GetEnvironmentVariable).
/// </summary>
public static partial class KnownConfiguration
{
    public const string Prefix = "SWEEPGRID_";

    public static IReadOnlySet<string> Keys { get; } = ScanKeys();

    public static IReadOnlySet<string> DirectVariables { get; } = ScanDirectVariables();

    /// <summary>The configuration key a SWEEPGRID_ variable sets (SWEEPGRID_Cluster__Mode → Cluster:Mode).</summary>
    public static string KeyOf(string variable) => variable[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal);

    public static bool IsRead(string variable) =>
        DirectVariables.Contains(variable) || (variable.StartsWith(Prefix, StringComparison.Ordinal) && Keys.Contains(KeyOf(variable)));

    private static IEnumerable<(string Path, string Text)> Sources() =>
        Directory.EnumerateFiles(RepoRoot.Combine("src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !path.Contains($"{System.IO.Path.DirectorySeparatorChar}bin{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => (path, File.ReadAllText(path)));

    private static HashSet<string> ScanKeys()
    {
        var sources = Sources().ToList();
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, text) in sources)
        {
            foreach (Match match in IndexerRead().Matches(text))
            {
                keys.Add(match.Groups["key"].Value);
            }

            foreach (Match match in GetValueRead().Matches(text))
            {
                keys.Add(match.Groups["key"].Value);
            }

            foreach (Match match in OptionsBinding().Matches(text))
            {
                var type = match.Groups["type"].Value;
                var section = match.Groups["section"].Value;
                var declaration = sources.Select(source => ClassBody(source.Text, type)).FirstOrDefault(body => body is not null)
                    ?? throw new InvalidOperationException($"options class {type} (bound to section {section}) not found under src/");
                foreach (Match property in SettableProperty().Matches(declaration))
                {
                    keys.Add($"{section}:{property.Groups["name"].Value}");
                }
            }
        }

        return keys;
    }

    private static HashSet<string> ScanDirectVariables() =>
        Sources().SelectMany(source => DirectVariable().Matches(source.Text).Select(match => match.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);

    private static string? ClassBody(string text, string type)
    {
        var match = Regex.Match(text, $@"\bclass\s+{Regex.Escape(type)}\b");
        return match.Success ? text[match.Index..] : null;
    }

    [GeneratedRegex("""[Cc]onfiguration\s*\[\s*"(?<key>[^"]+)"\s*\]""")]
    private static partial Regex IndexerRead();

    [GeneratedRegex("""\.GetValue(?:<[^>]+>)?\(\s*"(?<key>[^"]+)"\s*[,)]""")]
    private static partial Regex GetValueRead();

    [GeneratedRegex("""AddOptions<(?<type>\w+)>\(\)\s*\.Bind\(\s*[\w.]+\.GetSection\(\s*"(?<section>[^"]+)"\s*\)\s*\)""")]
    private static partial Regex OptionsBinding();

    [GeneratedRegex("""public\s+[\w<>?,\[\]. ]+?\s+(?<name>\w+)\s*\{\s*get;\s*set;\s*\}""")]
    private static partial Regex SettableProperty();

    [GeneratedRegex("""const\s+string\s+\w+\s*=\s*"(?<name>SWEEPGRID_[A-Za-z0-9_]+)"\s*;""")]
    private static partial Regex DirectVariable();
}
