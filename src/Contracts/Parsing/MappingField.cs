using YamlDotNet.RepresentationModel;

namespace SweepGrid.Contracts.Parsing;

/// <summary>A known key of a YAML mapping, its value, and the field path to name in errors.</summary>
internal sealed record MappingField(string Key, YamlScalarNode KeyNode, YamlNode Value, string Path);
