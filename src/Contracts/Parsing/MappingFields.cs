using YamlDotNet.RepresentationModel;

namespace SweepGrid.Contracts.Parsing;

/// <summary>The known keys of one mapping in the order written, and which keys a misspelling seemed to mean.</summary>
internal sealed class MappingFields(YamlNode node, string path, IReadOnlyList<MappingField> fields, IReadOnlySet<string> suggested)
{
    public YamlNode Node { get; } = node;

    public string Path { get; } = path;

    public IReadOnlyList<MappingField> Fields { get; } = fields;

    public MappingField? this[string key] => Fields.FirstOrDefault(f => f.Key == key);

    /// <summary>Whether an unknown key was reported with this key as its suggestion, so "missing" would only repeat it.</summary>
    public bool WasSuggested(string key) => suggested.Contains(key);
}
