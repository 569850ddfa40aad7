using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Configuration;

/// <summary>
/// One field of a trial's configuration, defined once: its name (in trial ids and results), where a spec writes it, the shape
/// and domain of its value, its default, its help text, and how it is read from and written to a <see cref="TrialConfig"/>.
/// </summary>
public sealed record ConfigField
{
    private readonly Func<TrialConfig, ParameterValue?> _get;
    private readonly Func<TrialConfig, ParameterValue?, TrialConfig> _set;

    internal ConfigField(string name, ConfigSection section, ParameterValueKind kind, ParameterValue? defaultValue, string help,
        Func<TrialConfig, ParameterValue?> get, Func<TrialConfig, ParameterValue?, TrialConfig> set)
    {
        Name = name;
        Section = section;
        Kind = kind;
        Default = defaultValue;
        Help = help;
        _get = get;
        _set = set;
    }

    /// <summary>The name in trial ids, results files and leaderboard columns, e.g. learning_rate.</summary>
    public string Name { get; }

    public ConfigSection Section { get; }

    /// <summary>The key inside its spec section (dataset.name is the field <c>dataset</c>); the name itself unless said otherwise.</summary>
    public string SpecKey { get => field ?? Name; init; }

    public string SpecPath => $"{SectionName(Section)}.{SpecKey}";

    public ParameterValueKind Kind { get; }

    public string Help { get; }

    /// <summary>The value a trial has when no spec sets it (for learning_rate: the default optimizer's, see <see cref="DefaultFor"/>).</summary>
    public ParameterValue? Default { get; }

    /// <summary>A default that depends on the rest of the configuration, as learning_rate's depends on the optimizer.</summary>
    public Func<TrialConfig, ParameterValue?>? DependentDefault { get; init; }

    /// <summary>The names a Choice or Names value may use, in the order shown to a user who got one wrong.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>The numbers a Real or Integer value (or each of Sizes) may take.</summary>
    public NumericDomain Domain { get; init; } = NumericDomain.Any;

    /// <summary>The most entries a Sizes or Names list may have.</summary>
    public int MaxItems { get; init; } = 64;

    /// <summary>Whether the field may have no value (a dataset path, a train limit).</summary>
    public bool Optional { get; init; }

    /// <summary>Whether the field may be swept under <c>parameters</c>; the dataset's fields are shared by every trial of a sweep.</summary>
    public bool Sweepable { get; init; } = true;

    /// <summary>
    /// False for fields added after the first canonical text: they enter a trial's id only when they differ from their
    /// default, so every configuration that could be written before they existed keeps its id.
    /// </summary>
    public bool InIdAtDefault { get; init; } = true;

    /// <summary>
    /// Whether trials that differ in this field can still train fused in one bundle (each member with its own value), as the
    /// learning rate can; a field that changes the model's shape, the data or the batches, such as hidden or batch_size, cannot.
    /// </summary>
    public bool PerMember { get; init; }

    /// <summary>A short name for labels such as "adam lr=0.001"; empty: the value is shown bare.</summary>
    public string Label { get => field ?? Name; init; }

    /// <summary>The <c>sweepgrid train</c> option, e.g. --learning-rate.</summary>
    public string Option => "--" + Name.Replace('_', '-');

    /// <summary>Other names of the option, e.g. --lr.</summary>
    public IReadOnlyList<string> OptionAliases { get; init; } = [];

    /// <summary>What the field accepts, as a user reads it.</summary>
    public string Allowed => Kind switch
    {
        ParameterValueKind.Choice => "one of " + string.Join(", ", Choices),
        ParameterValueKind.Names => "a list of " + string.Join(", ", Choices),
        ParameterValueKind.Flag => "true or false",
        ParameterValueKind.Sizes => $"a list of 1 to {MaxItems} positive layer sizes (each {Domain.Description}), e.g. [128, 64, 32]",
        ParameterValueKind.Text => Help,
        _ => Domain.Description,
    };

    /// <summary>The field's value in <paramref name="config"/>; null when an optional field has none.</summary>
    public ParameterValue? Get(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return _get(config);
    }

    /// <summary><paramref name="config"/> with this field set to <paramref name="value"/> (null only for an optional field).</summary>
    public TrialConfig Set(TrialConfig config, ParameterValue? value)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (value is null ? !Optional : value.Kind != Kind)
        {
            throw new ArgumentException($"{Name} takes {(Optional ? "no value or " : "")}a {Kind} value, not {value?.Kind.ToString() ?? "none"} ({value})", nameof(value));
        }

        return _set(config, value);
    }

    /// <summary>The value a trial has when no spec sets it; learning_rate's depends on the trial's optimizer.</summary>
    public ParameterValue? DefaultFor(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return DependentDefault is { } dependent ? dependent(config) : Default;
    }

    public bool IsDefault(TrialConfig config) => Equals(Get(config), DefaultFor(config));

    /// <summary>What is wrong with <paramref name="value"/> for this field, or null when it fits.</summary>
    public string? Problem(ParameterValue? value)
    {
        if (value is null)
        {
            return Optional ? null : "a value is needed";
        }

        if (value.Kind != Kind)
        {
            return $"{value} is not {Allowed}";
        }

        return Kind switch
        {
            ParameterValueKind.Real => Domain.Contains(value.Real) ? null : $"{value} is out of range",
            ParameterValueKind.Integer => Domain.Contains(value.Integer) ? null : $"{value} is out of range",
            ParameterValueKind.Choice => Choices.Contains(value.Choice) ? null : $"unknown {Name} '{value}'",
            ParameterValueKind.Sizes => ListProblem(value) ?? value.Sizes.Where(s => !Domain.Contains(s)).Select(s => $"{s} is out of range").FirstOrDefault(),
            ParameterValueKind.Names => ListProblem(value) ?? value.Names.Where(n => !Choices.Contains(n)).Select(n => $"unknown {Name} '{n}'").FirstOrDefault(),
            ParameterValueKind.Text => value.Text.Trim().Length == 0 ? "the text is empty" : null,
            _ => null,
        };
    }

    /// <summary>The value as results show it: 0.001, true, adam, [128,64,32]; empty when there is none.</summary>
    public string Text(TrialConfig config) => Get(config)?.ToString() ?? "";

    /// <summary>The value as the text behind trial ids writes it (strings quoted, nothing culture-dependent).</summary>
    internal string CanonicalValue(TrialConfig config) => Get(config) is not { } value ? "null" : value.Kind switch
    {
        ParameterValueKind.Choice => CanonicalText.Quoted(value.Choice),
        ParameterValueKind.Text => CanonicalText.Quoted(value.Text),
        ParameterValueKind.Names => "[" + string.Join(",", value.Names.Select(CanonicalText.Quoted)) + "]",
        _ => value.ToString(),
    };

    public override string ToString() => Name;

    public bool Equals(ConfigField? other) => other is not null && other.Name == Name;

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    private string? ListProblem(ParameterValue value)
    {
        var count = value.Kind == ParameterValueKind.Sizes ? value.Sizes.Count : value.Names.Count;
        return count switch
        {
            0 => "the list is empty",
            _ when count > MaxItems => $"{value} has {count} entries, more than {MaxItems}",
            _ => null,
        };
    }

    public static string SectionName(ConfigSection section) => section switch
    {
        ConfigSection.Dataset => "dataset",
        ConfigSection.Model => "model",
        _ => "training",
    };
}
