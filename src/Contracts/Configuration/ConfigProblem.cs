namespace SweepGrid.Contracts.Configuration;

/// <summary>What is wrong with one field of a configuration, and what it allows.</summary>
public sealed record ConfigProblem(ConfigField Field, string Problem, string Allowed)
{
    public override string ToString() => $"{Field.Name}: {Problem}; allowed: {Allowed}";
}
