using System.Text.Json;
using System.Text.Json.Serialization;

namespace SweepGrid.Client.Output;

/// <summary>How every JSON the CLI writes looks (--json output, result files, run.json): snake_case names, enums as
/// snake_case strings, NaN as "NaN".</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    /// <summary>One object per line, for streams (watch --json).</summary>
    public static readonly JsonSerializerOptions Lines = Create(indented: false);

    public static string Write<T>(T value, bool indented = true) => JsonSerializer.Serialize(value, indented ? Indented : Lines);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new TrialConfigJsonConverter() },
            WriteIndented = indented,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
