namespace SweepGrid.Cli.Tests.Otlp;

/// <summary>OTLP's repeated KeyValue (key = 1, AnyValue = 2: string 1, bool 2, int 3, double 4) as a dictionary.</summary>
public static class OtlpAttributes
{
    public static IReadOnlyDictionary<string, object?> Of(ProtoMessage message, int field) =>
        message.Messages(field).ToDictionary(kv => kv.String(1) ?? "", kv => kv.Message(2) is { } value ? ValueOf(value) : null);

    public static object? ValueOf(ProtoMessage value) =>
        value.String(1) ?? (object?)(value.Number(3) is { } integer ? (long)integer : value.Double(4) is { } real ? real : value.Number(2) is { } flag ? flag != 0 : null);
}
