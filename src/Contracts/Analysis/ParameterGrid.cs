namespace SweepGrid.Contracts.Analysis;

/// <summary>
/// A parameter's domain cut into the cells PED-ANOVA counts trials in: 50 evenly spaced points for a real (in its logarithm
/// when log-scaled), one point per value for a discrete parameter with fewer, about one per doubling for a log-scaled
/// whole number, and one per choice. A trial's value belongs to the nearest point.
/// </summary>
internal sealed class ParameterGrid
{
    /// <summary>Points on a real parameter's grid, as Optuna's PED-ANOVA uses.</summary>
    public const int NumericSteps = 50;

    private readonly ImportanceParameter parameter;
    private readonly double low;
    private readonly double spacing;

    public ParameterGrid(ImportanceParameter parameter)
    {
        this.parameter = parameter;
        if (IsCategorical)
        {
            Size = parameter.Choices?.Count ?? (int)parameter.Max + 1;
            return;
        }

        if (!(parameter.Max >= parameter.Min) || (IsLog && !(parameter.Min > 0)))
        {
            throw new ArgumentException($"'{parameter.Name}' has no valid domain: [{parameter.Min}, {parameter.Max}] on a {parameter.Scale} scale", nameof(parameter));
        }

        Size = parameter.Max == parameter.Min ? 1 : NumericSize(parameter);
        (low, var high) = IsLog ? (Math.Log(parameter.Min), Math.Log(parameter.Max)) : (parameter.Min, parameter.Max);
        spacing = Size > 1 ? (high - low) / (Size - 1) : 0;
    }

    public bool IsCategorical => parameter.Scale == ImportanceScale.Categorical;

    /// <summary>How many cells; a domain of one cell (one value, one choice) cannot matter.</summary>
    public int Size { get; }

    private bool IsLog => parameter.Scale == ImportanceScale.Log;

    /// <summary>The cell <paramref name="value"/> falls in, values outside the domain in the nearest end cell; null for a value the parameter cannot take at all.</summary>
    public int? CellOf(double value)
    {
        if (IsCategorical)
        {
            return value >= 0 && value < Size && value == Math.Floor(value) ? (int)value : null;
        }

        var x = IsLog ? Math.Log(value) : value;
        if (!double.IsFinite(x))
        {
            return null;
        }

        if (Size == 1)
        {
            return 0;
        }

        // Ceiling of (offset − ½): a value midway between two points goes to the lower one, as in Optuna.
        return (int)Math.Clamp(Math.Ceiling((x - low) / spacing - 0.5), 0, Size - 1);
    }

    private static int NumericSize(ImportanceParameter parameter)
    {
        if (parameter.Step <= 0)
        {
            return NumericSteps;
        }

        if (parameter.Scale == ImportanceScale.Log)
        {
            var doublings = (int)Math.Ceiling(Math.Log(parameter.Max - parameter.Min + 1) / Math.Log(2));
            return Math.Min(doublings + 1, NumericSteps);
        }

        var values = Math.Round((parameter.Max - parameter.Min) / parameter.Step, MidpointRounding.ToEven) + 1;
        return (int)Math.Min(values, NumericSteps);
    }
}
