namespace SweepGrid.Trainer.TensorBoard;

/// <summary>One hyperparameter's value as the HParams plugin takes it: a number, a string or a bool (google.protobuf.Value).</summary>
public sealed record HParamValue
{
    private HParamValue()
    {
    }

    public double? Number { get; private init; }

    public string? Text { get; private init; }

    public bool? Flag { get; private init; }

    public static HParamValue Of(double number) => new() { Number = number };

    public static HParamValue Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new() { Text = text };
    }

    public static HParamValue Of(bool flag) => new() { Flag = flag };

    public override string ToString() => Number?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? Text ?? (Flag == true ? "true" : "false");
}
