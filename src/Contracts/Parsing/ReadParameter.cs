using SweepGrid.Contracts.Specs;
using YamlDotNet.RepresentationModel;

namespace SweepGrid.Contracts.Parsing;

/// <summary>A parameter as read, with the nodes its values came from, for checks that span several fields.</summary>
internal sealed record ReadParameter(ParameterSpec Spec, MappingField Field, IReadOnlyList<(ParameterValue Value, YamlNode Node, string Path)> Values);
