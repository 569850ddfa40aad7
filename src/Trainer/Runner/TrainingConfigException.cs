namespace SweepGrid.Trainer.Runner;

/// <summary>A training setting has a value the trainer cannot use; names the setting, the value and what is allowed.</summary>
public sealed class TrainingConfigException(string field, string value, string allowed)
    : Exception($"{field}: '{value}' is not allowed; {allowed}")
{
    public string Field { get; } = field;

    public string Value { get; } = value;

    public string Allowed { get; } = allowed;
}
