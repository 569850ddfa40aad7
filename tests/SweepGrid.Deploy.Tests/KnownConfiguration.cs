using System.Reflection;
using System.Text.RegularExpressions;
using SweepGrid.Silo.Settings;

namespace SweepGrid.Deploy.Tests;

/// <summary>
/// The configuration keys and environment variables the code reads, so that the list cannot drift from the code.
/// Settings: by reflection over the options types of <see cref="SweepGridSettings.All"/> (every public settable
/// property P of a type whose Section constant is S gives S:P). What is still read directly is found in src/**/*.cs:
/// configuration["A:B"], GetValue("A:B", …), and const strings "SWEEPGRID_…" (variables read with Environment.GetEnvironmentVariable).
/// </summary>
public static partial class KnownConfiguration
{
    public const string Prefix = "SWEEPGRID_";

    /// <summary>Section name by options type, from each type's Section constant.</summary>
    public static IReadOnlyDictionary<Type, string> Sections { get; } = SweepGridSettings.All.ToDictionary(section => section.Type, section => SectionOf(section.Type));

    public static IReadOnlySet<string> OptionsKeys { get; } = Sections
        .SelectMany(pair => pair.Key.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.SetMethod is { IsPublic: true })
            .Select(property => $"{pair.Value}:{property.Name}"))
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Keys read straight from IConfiguration rather than through an options type.</summary>
    public static IReadOnlySet<string> DirectKeys { get; } = ScanDirectKeys();

    public static IReadOnlySet<string> Keys { get; } = OptionsKeys.Concat(DirectKeys).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlySet<string> DirectVariables { get; } = ScanDirectVariables();

    /// <summary>The configuration key a SWEEPGRID_ variable sets (SWEEPGRID_Cluster__Mode → Cluster:Mode).</summary>
    public static string KeyOf(string variable) => variable[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal);

    public static bool IsRead(string variable) =>
        DirectVariables.Contains(variable) || (variable.StartsWith(Prefix, StringComparison.Ordinal) && Keys.Contains(KeyOf(variable)));

    public static string SectionOf(Type type) =>
        type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.GetRawConstantValue() is string name
            ? name
            : throw new InvalidOperationException($"options type {type.Name} has no public const string Section");

    private static IEnumerable<string> Sources() =>
        Directory.EnumerateFiles(RepoRoot.Combine("src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText);

    private static HashSet<string> ScanDirectKeys() =>
        Sources().SelectMany(text => IndexerRead().Matches(text).Concat(GetValueRead().Matches(text)))
            .Select(match => match.Groups["key"].Value)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static HashSet<string> ScanDirectVariables() =>
        Sources().SelectMany(text => DirectVariable().Matches(text).Select(match => match.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("""[Cc]onfiguration\s*\[\s*"(?<key>[^"]+)"\s*\]""")]
    private static partial Regex IndexerRead();

    [GeneratedRegex("""\.GetValue(?:<[^>]+>)?\(\s*"(?<key>[^"]+)"\s*[,)]""")]
    private static partial Regex GetValueRead();

    [GeneratedRegex("""const\s+string\s+\w+\s*=\s*"(?<name>SWEEPGRID_[A-Za-z0-9_]+)"\s*;""")]
    private static partial Regex DirectVariable();
}
