using System.Text.Json;
using System.Text.Json.Serialization;
using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Search;
using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Output;

/// <summary>A configuration as JSON: one member per catalog field, named as in the spec and the leaderboard, in the catalog's order.</summary>
public sealed class TrialConfigJsonConverter : JsonConverter<TrialConfig>
{
    public override void Write(Utf8JsonWriter writer, TrialConfig value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var field in ConfigCatalog.InReadingOrder)
        {
            writer.WritePropertyName(field.Name);
            WriteValue(writer, field.Get(value));
        }

        writer.WriteEndObject();
    }

    public override TrialConfig Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a configuration is a JSON object of its fields");
        }

        var config = new TrialConfig();
        var set = new HashSet<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            var field = ConfigCatalog.Find(name)
                ?? throw new JsonException($"'{name}' is not a configuration field; use {string.Join(", ", ConfigCatalog.All)}");
            reader.Read();
            config = field.Set(config, ReadValue(ref reader, field));
            set.Add(name);
        }

        return TrialConfigBuilder.WithDependentDefaults(config, set);
    }

    private static void WriteValue(Utf8JsonWriter writer, ParameterValue? value)
    {
        switch (value?.Kind)
        {
            case null:
                writer.WriteNullValue();
                break;
            case ParameterValueKind.Real:
                writer.WriteNumberValue(value.Real);
                break;
            case ParameterValueKind.Integer:
                writer.WriteNumberValue(value.Integer);
                break;
            case ParameterValueKind.Flag:
                writer.WriteBooleanValue(value.Flag);
                break;
            case ParameterValueKind.Sizes:
                writer.WriteStartArray();
                value.Sizes.ToList().ForEach(writer.WriteNumberValue);
                writer.WriteEndArray();
                break;
            case ParameterValueKind.Names:
                writer.WriteStartArray();
                value.Names.ToList().ForEach(writer.WriteStringValue);
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    private static ParameterValue? ReadValue(ref Utf8JsonReader reader, ConfigField field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        try
        {
            return field.Kind switch
            {
                ParameterValueKind.Real => ParameterValue.OfReal(reader.GetDouble()),
                ParameterValueKind.Integer => ParameterValue.OfInteger(reader.GetInt64()),
                ParameterValueKind.Flag => ParameterValue.OfFlag(reader.GetBoolean()),
                ParameterValueKind.Choice => ParameterValue.OfChoice(reader.GetString()!),
                ParameterValueKind.Text => ParameterValue.OfText(reader.GetString()!),
                ParameterValueKind.Sizes => ParameterValue.OfSizes(ReadArray(ref reader, (ref Utf8JsonReader r) => r.GetInt32())),
                _ => ParameterValue.OfNames(ReadArray(ref reader, (ref Utf8JsonReader r) => r.GetString()!)),
            };
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException($"{field.Name} is {field.Allowed}: {e.Message}", e);
        }
    }

    private delegate T ItemReader<out T>(ref Utf8JsonReader reader);

    private static List<T> ReadArray<T>(ref Utf8JsonReader reader, ItemReader<T> item)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new InvalidOperationException("expected a list");
        }

        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(item(ref reader));
        }

        return items;
    }
}
