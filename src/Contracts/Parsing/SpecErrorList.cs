using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SweepGrid.Contracts.Parsing;

/// <summary>Collects errors as the spec is read, so that one run reports all of them.</summary>
internal sealed class SpecErrorList
{
    private readonly List<SpecError> errors = [];

    public int Count => errors.Count;

    public void Add(YamlNode node, string path, string problem, string allowed, string? value = null, string? suggestion = null) =>
        Add(node.Start, path, problem, allowed, value, suggestion);

    public void Add(Mark at, string path, string problem, string allowed, string? value = null, string? suggestion = null) =>
        errors.Add(new SpecError(path, problem, allowed, Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column))
        {
            Value = value,
            Suggestion = suggestion,
        });

    /// <summary>In document order, so the list reads top to bottom like the file.</summary>
    public IReadOnlyList<SpecError> Sorted() => errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
}
