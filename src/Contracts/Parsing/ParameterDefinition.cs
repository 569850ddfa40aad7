using SweepGrid.Contracts.Specs;

namespace SweepGrid.Contracts.Parsing;

/// <summary>A model or training field: the section it belongs to, the shape of its value and what it accepts.</summary>
internal sealed record ParameterDefinition(string Name, string Section, ParameterValueKind Kind)
{
    /// <summary>The names a Choice or Names value may use.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>The numbers a Real or Integer value (or each of Sizes) may take.</summary>
    public NumericDomain Domain { get; init; } = NumericDomain.Any;

    public string Allowed => Kind switch
    {
        ParameterValueKind.Choice => "one of " + string.Join(", ", Choices),
        ParameterValueKind.Names => "a list of " + string.Join(", ", Choices),
        ParameterValueKind.Flag => "true or false",
        ParameterValueKind.Sizes => "a list of layer sizes, e.g. [128, 64, 32]",
        _ => Domain.Description,
    };
}
