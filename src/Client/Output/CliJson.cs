using System.Text.Json;
using System.Text.Json.Serialization;

namespace SweepGrid.Client.Output;

/// <summary>How every command's --json output is written: snake_case names, enums as snake_case strings.</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    /// <summary>One object per line, for streams (watch --json).</summary>
    public static readonly JsonSerializerOptions Lines = Create(indented: false);

    public static string Write<T>(T value, bool indented = true) => JsonSerializer.Serialize(value, indented ? Indented : Lines);

    private static JsonSerializerOptions Create(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = indented,
    };
}
