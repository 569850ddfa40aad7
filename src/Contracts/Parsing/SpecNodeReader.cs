using System.Globalization;
using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Specs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SweepGrid.Contracts.Parsing;

/// <summary>Reads typed values out of YAML nodes, reporting each mistake with the node's path and position.</summary>
internal sealed class SpecNodeReader(SpecErrorList errors)
{
    public SpecErrorList Errors { get; } = errors;

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public MappingFields? Mapping(YamlNode node, string path, IReadOnlyList<string> allowedKeys, string example, string noun = "key")
    {
        if (node is not YamlMappingNode mapping)
        {
            Errors.Add(node, path, $"expected a mapping, found {Describe(node)}", example, Written(node));
            return null;
        }

        var fields = new List<MappingField>();
        var suggested = new HashSet<string>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                Errors.Add(keyNode, path, $"a {noun} must be plain text, found {Describe(keyNode)}", string.Join(", ", allowedKeys));
                continue;
            }

            var fieldPath = Join(path, key);
            if (!allowedKeys.Contains(key))
            {
                var suggestion = Suggestions.Closest(key, allowedKeys);
                if (suggestion is not null)
                {
                    suggested.Add(suggestion);
                }

                var where = path.Length == 0 ? "at the top level" : $"in {path}";
                Errors.Add(keyNode, fieldPath, $"unknown {noun} '{key}' {where}", string.Join(", ", allowedKeys), key, suggestion);
                continue;
            }

            fields.Add(new MappingField(key, scalarKey, value, fieldPath));
        }

        return new MappingFields(node, path, fields, suggested);
    }

    public YamlSequenceNode? Sequence(YamlNode node, string path, string allowed)
    {
        if (node is YamlSequenceNode sequence)
        {
            if (sequence.Children.Count == 0)
            {
                Errors.Add(node, path, "the list is empty", allowed, "[]");
                return null;
            }

            return sequence;
        }

        Errors.Add(node, path, $"expected a list, found {Describe(node)}", allowed, Written(node));
        return null;
    }

    public string? Text(YamlNode node, string path, string allowed)
    {
        if (Scalar(node, path, allowed) is not { } scalar)
        {
            return null;
        }

        if (scalar.Text.Trim().Length == 0)
        {
            Errors.Add(node, path, "the text is empty", allowed, scalar.Text);
            return null;
        }

        return scalar.Text.Trim();
    }

    public string? Choice(YamlNode node, string path, IReadOnlyList<string> choices, string noun)
    {
        var allowed = "one of " + string.Join(", ", choices);
        if (Scalar(node, path, allowed) is not { } scalar)
        {
            return null;
        }

        var written = scalar.Text.Trim();
        var match = choices.FirstOrDefault(c => string.Equals(c, written, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            Errors.Add(node, path, $"unknown {noun} '{written}'", allowed, written, Suggestions.Closest(written, choices));
        }

        return match;
    }

    public double? Real(YamlNode node, string path, NumericDomain domain)
    {
        if (Number(node, path, domain.Description) is not { } value)
        {
            return null;
        }

        if (!domain.Contains(value))
        {
            Errors.Add(node, path, $"{Written(node)} is out of range", domain.Description, Written(node));
            return null;
        }

        return value;
    }

    /// <summary>A mapping field's whole number, or null when the field is not written.</summary>
    public long? Integer(MappingField? field, NumericDomain domain) => field is null ? null : Integer(field.Value, field.Path, domain);

    public long? Integer(YamlNode node, string path, NumericDomain domain)
    {
        if (Number(node, path, domain.Description) is not { } value)
        {
            return null;
        }

        var whole = long.TryParse(((YamlScalarNode)node).Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exact)
            ? exact
            : (long?)(Math.Abs(value) < 9e15 && Math.Floor(value) == value ? (long)value : null);
        if (whole is null)
        {
            Errors.Add(node, path, $"{Written(node)} is not a whole number", domain.Description, Written(node));
            return null;
        }

        if (!domain.Contains(whole.Value))
        {
            Errors.Add(node, path, $"{Written(node)} is out of range", domain.Description, Written(node));
            return null;
        }

        return whole;
    }

    public bool? Flag(YamlNode node, string path)
    {
        const string allowed = "true or false";
        if (Scalar(node, path, allowed) is not { } scalar)
        {
            return null;
        }

        if (scalar.Node.Style == ScalarStyle.Plain && bool.TryParse(scalar.Text, out var flag))
        {
            return flag;
        }

        Errors.Add(node, path, $"{Written(node)} is not true or false", allowed, scalar.Text);
        return null;
    }

    /// <summary>A value of a configuration field, whichever shape the field has.</summary>
    public ParameterValue? Value(ConfigField definition, YamlNode node, string path)
    {
        switch (definition.Kind)
        {
            case ParameterValueKind.Text:
                return Text(node, path, definition.Allowed) is { } text ? ParameterValue.OfText(text) : null;
            case ParameterValueKind.Choice:
                return Choice(node, path, definition.Choices, definition.Name) is { } choice ? ParameterValue.OfChoice(choice) : null;
            case ParameterValueKind.Real:
                return Real(node, path, definition.Domain) is { } real ? ParameterValue.OfReal(real) : null;
            case ParameterValueKind.Integer:
                return Integer(node, path, definition.Domain) is { } integer ? ParameterValue.OfInteger(integer) : null;
            case ParameterValueKind.Flag:
                return Flag(node, path) is { } flag ? ParameterValue.OfFlag(flag) : null;
            case ParameterValueKind.Sizes:
                var sizes = List(node, path, definition, (item, itemPath) => Integer(item, itemPath, definition.Domain) is { } size ? (true, (int)size) : (false, 0));
                return sizes is null ? null : ParameterValue.OfSizes(sizes);
            default:
                var names = List(node, path, definition, (item, itemPath) => Choice(item, itemPath, definition.Choices, "activation") is { } name ? (true, name) : (false, ""));
                return names is null ? null : ParameterValue.OfNames(names);
        }
    }

    public static string Written(YamlNode node) => node switch
    {
        YamlScalarNode { Style: ScalarStyle.SingleQuoted } s => $"'{s.Value}'",
        YamlScalarNode { Style: ScalarStyle.DoubleQuoted } s => $"\"{s.Value}\"",
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode => "a list",
        _ => "a mapping",
    };

    private List<T>? List<T>(YamlNode node, string path, ConfigField definition, Func<YamlNode, string, (bool Ok, T Item)> read)
    {
        if (Sequence(node, path, definition.Allowed) is not { } sequence)
        {
            return null;
        }

        if (sequence.Children.Count > definition.MaxItems)
        {
            Errors.Add(node, path, $"the list has {sequence.Children.Count} entries, more than {definition.MaxItems}", definition.Allowed);
            return null;
        }

        var items = new List<T>();
        var complete = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var (ok, item) = read(sequence.Children[i], $"{path}[{i}]");
            if (ok)
            {
                items.Add(item);
            }
            else
            {
                complete = false;
            }
        }

        return complete ? items : null;
    }

    private double? Number(YamlNode node, string path, string allowed)
    {
        if (Scalar(node, path, allowed) is not { } scalar)
        {
            return null;
        }

        // A quoted "0.1" is text in YAML; accepting it would make '1e-3' and 1e-3 mean different things elsewhere.
        if (scalar.Node.Style == ScalarStyle.Plain
            && double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var what = scalar.Node.Style == ScalarStyle.Plain ? "is not a number" : "is quoted text, not a number";
        Errors.Add(node, path, $"{Written(node)} {what}", allowed, scalar.Text);
        return null;
    }

    private (YamlScalarNode Node, string Text)? Scalar(YamlNode node, string path, string allowed)
    {
        if (node is not YamlScalarNode { Value: { } text } scalar)
        {
            Errors.Add(node, path, $"expected a single value, found {Describe(node)}", allowed, Written(node));
            return null;
        }

        if (IsNull(scalar))
        {
            Errors.Add(node, path, "the value is missing", allowed);
            return null;
        }

        return (scalar, text);
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ when IsNull(node) => "nothing",
        _ => $"'{((YamlScalarNode)node).Value}'",
    };
}
