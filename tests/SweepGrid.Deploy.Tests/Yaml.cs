using YamlDotNet.RepresentationModel;

namespace SweepGrid.Deploy.Tests;

/// <summary>Small readers over YamlDotNet's representation model (anchors and aliases come resolved).</summary>
public static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>().ToList();
    }

    public static YamlNode? Child(this YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static YamlNode? At(this YamlNode? node, params string[] path) => path.Aggregate(node, (current, key) => current.Child(key));

    public static string? Text(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode? node) => node is YamlSequenceNode sequence ? sequence.Children : [];

    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlNode? node) =>
        node is YamlMappingNode mapping
            ? mapping.Children.Select(entry => (((YamlScalarNode)entry.Key).Value ?? "", entry.Value))
            : [];

    public static IReadOnlyDictionary<string, string> StringMap(this YamlNode? node) =>
        node.Entries().Where(entry => entry.Value is YamlScalarNode).ToDictionary(entry => entry.Key, entry => entry.Value.Text() ?? "");
}
