using SweepGrid.TestData.Protobuf;

namespace SweepGrid.TestData.TensorBoard;

/// <summary>One Summary.Value: its tag and a simple (scalar) value, or a plugin's data beside a tensor.</summary>
public sealed record SummaryValue(string Tag, float? SimpleValue, string? PluginName, byte[]? PluginContent, byte[]? Tensor)
{
    /// <summary>Summary.Value{tag = 1, simple_value = 2, tensor = 8, metadata = 9: {plugin_data = 1: {plugin_name = 1, content = 2}}}.</summary>
    public static SummaryValue Decode(IReadOnlyList<ProtoField> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var pluginData = value.Field(9)?.Message.Field(1)?.Message;
        return new SummaryValue(
            value.Field(1)?.Text ?? throw new InvalidDataException("a summary value without a tag"),
            value.Field(2) is { WireType: 5 } simple ? simple.Float : null,
            pluginData?.Field(1)?.Text,
            pluginData?.Field(2)?.Bytes,
            value.Field(8)?.Bytes);
    }
}
