namespace SweepGrid.Contracts.Parsing;

/// <summary>The numbers a field accepts, and how to say so to a user.</summary>
internal sealed record NumericDomain(double? Min, bool MinInclusive, double? Max, bool MaxInclusive, string Description)
{
    public static readonly NumericDomain Any = new(null, true, null, true, "any number");

    public static readonly NumericDomain AnyWhole = new(long.MinValue, true, long.MaxValue, true, "any whole number");

    public static readonly NumericDomain Positive = new(0, false, null, true, "a number above 0");

    public static readonly NumericDomain NonNegative = new(0, true, null, true, "a number of 0 or more");

    public static readonly NumericDomain Fraction = new(0, true, 1, false, "a number from 0 up to, but not including, 1");

    public static readonly NumericDomain UpToOne = new(0, false, 1, true, "a number above 0 and at most 1");

    public static NumericDomain WholeAtLeast(int min) => new(min, true, int.MaxValue, true, $"a whole number of {min} or more");

    public bool Contains(double value) =>
        double.IsFinite(value)
        && (Min is not { } min || (MinInclusive ? value >= min : value > min))
        && (Max is not { } max || (MaxInclusive ? value <= max : value < max));
}
