using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Results;

/// <summary>The catalog's fields as the results show them, and which of them a sweep varies.</summary>
public static class ConfigFields
{
    public static IReadOnlyList<ConfigField> All => ConfigCatalog.InReadingOrder;

    /// <summary>The fields whose value is not the same in every configuration, in <see cref="All"/>'s order.</summary>
    public static IReadOnlyList<ConfigField> Varying(IEnumerable<TrialConfig> configs)
    {
        var list = configs.ToList();
        return All.Where(f => list.Select(f.Text).Distinct(StringComparer.Ordinal).Skip(1).Any()).ToList();
    }

    /// <summary>A short label such as "adam lr=0.001 dropout=0.2" from the given fields; the optimizer is shown bare.</summary>
    public static string Label(TrialConfig config, IEnumerable<ConfigField> fields) =>
        string.Join(" ", fields.Select(f => f.Label.Length == 0 ? f.Text(config) : $"{f.Label}={f.Text(config)}"));
}
