using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Search;

/// <summary>Resolves a trial's configuration: the spec's base configuration, overridden by the values a strategy chose.</summary>
public static class TrialConfigBuilder
{
    public static TrialConfig Build(SweepSpec spec, IEnumerable<KeyValuePair<string, ParameterValue>> choices)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(choices);

        var config = spec.Base;
        var set = new HashSet<string>(spec.Fixed);
        foreach (var (name, value) in choices)
        {
            config = With(config, name, value);
            set.Add(name);
        }

        return WithDependentDefaults(config, set);
    }

    /// <summary>Fields nobody set take the default that follows the rest of the configuration (learning_rate the optimizer's).</summary>
    public static TrialConfig WithDependentDefaults(TrialConfig config, IReadOnlySet<string> set)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(set);
        foreach (var field in ConfigCatalog.All.Where(f => f.DependentDefault is not null && !set.Contains(f.Name)))
        {
            config = field.Set(config, field.DefaultFor(config));
        }

        return config;
    }

    public static TrialConfig With(TrialConfig config, string field, ParameterValue value)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(value);
        var definition = ConfigCatalog.Find(field)
            ?? throw new ArgumentException($"'{field}' is not a configuration field; use one of {string.Join(", ", ConfigCatalog.All)}", nameof(field));
        return definition.Set(config, value);
    }
}
