using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Specs;

/// <summary>One candidate value of a parameter; Kind says which of the fields holds it.</summary>
public sealed record ParameterValue
{
    public required ParameterValueKind Kind { get; init; }

    public string Choice { get; init; } = "";

    public string Text { get; init; } = "";

    public double Real { get; init; }

    public long Integer { get; init; }

    public bool Flag { get; init; }

    public IReadOnlyList<int> Sizes { get; init; } = [];

    public IReadOnlyList<string> Names { get; init; } = [];

    public static ParameterValue OfChoice(string choice) => new() { Kind = ParameterValueKind.Choice, Choice = choice };

    public static ParameterValue OfText(string text) => new() { Kind = ParameterValueKind.Text, Text = text };

    public static ParameterValue OfReal(double real) => new() { Kind = ParameterValueKind.Real, Real = real };

    public static ParameterValue OfInteger(long integer) => new() { Kind = ParameterValueKind.Integer, Integer = integer };

    public static ParameterValue OfFlag(bool flag) => new() { Kind = ParameterValueKind.Flag, Flag = flag };

    public static ParameterValue OfSizes(IReadOnlyList<int> sizes) => new() { Kind = ParameterValueKind.Sizes, Sizes = sizes };

    public static ParameterValue OfNames(IReadOnlyList<string> names) => new() { Kind = ParameterValueKind.Names, Names = names };

    // Lists compare by content, so that two equal values are equal however they were built.
    public bool Equals(ParameterValue? other) => other is not null && Kind == other.Kind && ToString() == other.ToString();

    public override int GetHashCode() => HashCode.Combine(Kind, ToString());

    /// <summary>Invariant, round-trippable text: 0.001, true, adam, [128,64,32], [relu,gelu].</summary>
    public override string ToString() => Kind switch
    {
        ParameterValueKind.Choice => Choice,
        ParameterValueKind.Text => Text,
        ParameterValueKind.Real => CanonicalText.Real(Real),
        ParameterValueKind.Integer => CanonicalText.Integer(Integer),
        ParameterValueKind.Flag => CanonicalText.Flag(Flag),
        ParameterValueKind.Sizes => "[" + string.Join(",", Sizes.Select(s => CanonicalText.Integer(s))) + "]",
        _ => "[" + string.Join(",", Names) + "]",
    };
}
