using System.Text.RegularExpressions;

namespace SweepGrid.Deploy.Tests;

/// <summary>The images deploy/README.md tells the reader to build: tag → Dockerfile, from its `docker build` lines.</summary>
public static partial class ReadmeImages
{
    public static IReadOnlyDictionary<string, string> Built { get; } =
        BuildCommand().Matches(File.ReadAllText(DeployFiles.Readme))
            .Select(match => (Tag: match.Groups["tag"].Value, File: match.Groups["file"].Value))
            .GroupBy(pair => pair.Tag).ToDictionary(group => group.Key, group => group.Select(pair => pair.File).Distinct().Single());

    [GeneratedRegex(@"docker build -f (?<file>\S+) -t (?<tag>\S+) \.")]
    private static partial Regex BuildCommand();
}
