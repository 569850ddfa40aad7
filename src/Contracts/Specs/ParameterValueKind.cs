namespace SweepGrid.Contracts.Specs;

/// <summary>The shape of a parameter's value; each parameter name has exactly one.</summary>
public enum ParameterValueKind
{
    /// <summary>A name from a fixed list, e.g. optimizer: adam.</summary>
    Choice,

    Real,

    Integer,

    Flag,

    /// <summary>Layer sizes, e.g. hidden: [128, 64, 32].</summary>
    Sizes,

    /// <summary>Names from a fixed list, e.g. activations: [relu, gelu, tanh].</summary>
    Names,

    /// <summary>Free text, e.g. a dataset's folder.</summary>
    Text,
}
