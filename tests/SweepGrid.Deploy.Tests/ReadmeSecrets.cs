using System.Text.RegularExpressions;

namespace SweepGrid.Deploy.Tests;

/// <summary>The Kubernetes Secrets deploy/README.md tells the reader to create: name → key → the value given, from its
/// `kubectl create secret generic NAME --from-literal=KEY=VALUE …` commands (continued over lines with \).</summary>
public static partial class ReadmeSecrets
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Created { get; } =
        CreateCommand().Matches(File.ReadAllText(DeployFiles.Readme).Replace("\\\n", " ", StringComparison.Ordinal))
            .ToDictionary(
                match => match.Groups["name"].Value,
                match => (IReadOnlyDictionary<string, string>)Literal().Matches(match.Value)
                    .ToDictionary(literal => literal.Groups["key"].Value, literal => literal.Groups["value"].Value.Trim('"', '\'')));

    [GeneratedRegex(@"kubectl create secret generic (?<name>[a-z0-9-]+)[^\n]*")]
    private static partial Regex CreateCommand();

    [GeneratedRegex(@"--from-literal=(?<key>[A-Za-z0-9._-]+)=(?<value>""[^""]*""|'[^']*'|\S+)")]
    private static partial Regex Literal();
}
