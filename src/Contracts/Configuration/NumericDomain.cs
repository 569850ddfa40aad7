using System.Globalization;

namespace SweepGrid.Contracts.Configuration;

/// <summary>The numbers a field accepts, and how to say so to a user.</summary>
public sealed record NumericDomain(double? Min, bool MinInclusive, double? Max, bool MaxInclusive, string Description)
{
    public static readonly NumericDomain Any = new(null, true, null, true, "any number");

    public static readonly NumericDomain AnyWhole = new(long.MinValue, true, long.MaxValue, true, "any whole number");

    public static readonly NumericDomain Positive = new(0, false, null, true, "a number above 0");

    public static readonly NumericDomain NonNegative = new(0, true, null, true, "a number of 0 or more");

    public static readonly NumericDomain Fraction = new(0, true, 1, false, "a number of at least 0 and below 1");

    public static readonly NumericDomain UpToOne = new(0, false, 1, true, "a number above 0 and at most 1");

    public static NumericDomain WholeAtLeast(int min) => new(min, true, int.MaxValue, true, $"a whole number of {min} or more");

    /// <summary>A whole number with an upper bound, for values that could exhaust a machine (layer sizes, batch size, epochs).</summary>
    public static NumericDomain WholeBetween(int min, int max) =>
        new(min, true, max, true, string.Create(CultureInfo.InvariantCulture, $"a whole number of {min} or more (at most {max:N0})"));

    public bool Contains(double value) =>
        double.IsFinite(value)
        && (Min is not { } min || (MinInclusive ? value >= min : value > min))
        && (Max is not { } max || (MaxInclusive ? value <= max : value < max));
}
