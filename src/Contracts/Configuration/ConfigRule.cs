using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Configuration;

/// <summary>A rule across fields: <see cref="Field"/> is the one blamed, <see cref="Involves"/> the others whose values decide it.</summary>
public sealed record ConfigRule(ConfigField Field, IReadOnlyList<ConfigField> Involves, Func<TrialConfig, bool> Holds, string Problem, string Allowed)
{
    /// <summary>The problem with the values that break the rule, e.g. "nesterov needs … (optimizer=adam momentum=0 nesterov=true)".</summary>
    public string Describe(TrialConfig config) =>
        $"{Problem} ({string.Join(" ", Involves.Append(Field).Select(f => $"{f.Name}={f.Text(config)}"))})";
}
