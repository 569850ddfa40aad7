using System.Globalization;
using SweepGrid.Contracts.Parsing;
using SweepGrid.Contracts.Specs;

namespace SweepGrid.Contracts.Configuration;

/// <summary>
/// A field's value written on a command line: numbers in invariant form, lists comma-separated, names with '-' or '_'
/// (minus-one-to-one), a flag alone meaning true. Checked against the field's domain like a spec's value.
/// </summary>
public static class ConfigText
{
    /// <summary>The value, or the problem with the text (naming the text and what the field allows).</summary>
    public static (ParameterValue? Value, string? Problem) Parse(ConfigField field, string? text)
    {
        ArgumentNullException.ThrowIfNull(field);
        var written = (text ?? "").Trim();
        ParameterValue? value = field.Kind switch
        {
            ParameterValueKind.Flag => written.Length == 0 ? ParameterValue.OfFlag(true) : bool.TryParse(written, out var flag) ? ParameterValue.OfFlag(flag) : null,
            ParameterValueKind.Real => double.TryParse(written, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) ? ParameterValue.OfReal(real) : null,
            ParameterValueKind.Integer => long.TryParse(written, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? ParameterValue.OfInteger(whole) : null,
            ParameterValueKind.Choice => ParameterValue.OfChoice(Name(written)),
            ParameterValueKind.Text => ParameterValue.OfText(written),
            ParameterValueKind.Sizes => Items(written).Select(Size).ToList() is var sizes && sizes.All(s => s is not null)
                ? ParameterValue.OfSizes(sizes.Select(s => s!.Value).ToList())
                : null,
            _ => ParameterValue.OfNames(Items(written).Select(Name).ToList()),
        };

        if (value is null)
        {
            return (null, $"'{written}' is not {field.Allowed}");
        }

        if (field.Problem(value) is { } problem)
        {
            var suggestion = field.Kind == ParameterValueKind.Choice ? Suggestions.Closest(value.Choice, field.Choices) : null;
            return (null, $"{problem} ('{written}'); allowed: {field.Allowed}{(suggestion is null ? "" : $"; did you mean {suggestion}?")}");
        }

        return (value, null);
    }

    private static IEnumerable<string> Items(string text) => text.Split(',', StringSplitOptions.TrimEntries);

    private static string Name(string text) => text.Trim().ToLowerInvariant().Replace('-', '_');

    private static int? Size(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null;
}
