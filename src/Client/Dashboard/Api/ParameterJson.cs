namespace SweepGrid.Client.Dashboard.Api;

/// <summary>A configuration field the sweep varies: how a chart draws its axis.</summary>
/// <param name="Kind">real, integer, choice, bool, sizes or names.</param>
/// <param name="Log">Draw the axis logarithmic: sampled log-uniform, or positive values spanning a factor of ten or more.</param>
/// <param name="Values">The values a grid or a choice takes (numbers, or text for sizes and names); null for a range.</param>
public sealed record ParameterJson(string Name, string Kind, bool Log, IReadOnlyList<object>? Values, double? Min, double? Max);
