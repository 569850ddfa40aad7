using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace SweepGrid.Silo.Telemetry;

/// <summary>
/// Where and how a process exports its traces, metrics and logs over OTLP, read once from OpenTelemetry's standard
/// variables (OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS, the per-signal _TRACES_/_METRICS_/_LOGS_ENDPOINT,
/// OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_SDK_DISABLED). A value that cannot work is a problem that
/// names the variable and what is allowed, and turns export off: telemetry never stops a sweep.
/// </summary>
public sealed record OtlpSettings
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Nothing exported, as when no endpoint is set.</summary>
    public static readonly OtlpSettings Off = new();

    public OtlpExportProtocol Protocol { get; init; } = OtlpExportProtocol.Grpc;

    /// <summary>Each signal's full endpoint (with /v1/traces and the like for http/protobuf); null: that signal is not exported.</summary>
    public OtlpSignal? Traces { get; init; }

    public OtlpSignal? Metrics { get; init; }

    public OtlpSignal? Logs { get; init; }

    /// <summary>OTEL_EXPORTER_OTLP_HEADERS as written (OpenTelemetry's exporter takes them so), and decoded for Serilog's sink.</summary>
    public string? HeadersText { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>OTEL_SERVICE_NAME, which wins over the process's own name.</summary>
    public string? ServiceName { get; init; }

    public IReadOnlyDictionary<string, string> ResourceAttributes { get; init; } = new Dictionary<string, string>();

    /// <summary>What is wrong with the variables, one sentence each; export is off when there is any.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public IEnumerable<OtlpSignal> Signals => new[] { Traces, Metrics, Logs }.OfType<OtlpSignal>();

    public static OtlpSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.Equals(configuration["OTEL_SDK_DISABLED"]?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return Off;
        }

        var problems = new List<string>();
        var protocol = ProtocolOf(configuration["OTEL_EXPORTER_OTLP_PROTOCOL"], problems);
        var endpoint = EndpointOf(EndpointVariable, configuration["OTEL_EXPORTER_OTLP_ENDPOINT"], problems);
        OtlpSignal? Signal(string variable, string? value, string path) =>
            EndpointOf(variable, value, problems) is { } own ? new OtlpSignal(own, variable)
            : endpoint is null ? null
            : new OtlpSignal(protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + path) : endpoint, EndpointVariable);

        var traces = Signal("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"], "/v1/traces");
        var metrics = Signal("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"], "/v1/metrics");
        var logs = Signal("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", configuration["OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"], "/v1/logs");
        var headersText = configuration["OTEL_EXPORTER_OTLP_HEADERS"];
        var headers = PairsOf("OTEL_EXPORTER_OTLP_HEADERS", headersText, "api-key=secret,tenant=ml", problems, showValues: false);
        var attributes = PairsOf("OTEL_RESOURCE_ATTRIBUTES", configuration["OTEL_RESOURCE_ATTRIBUTES"], "deployment.environment=lab,team=vision", problems, showValues: true);
        var serviceName = configuration["OTEL_SERVICE_NAME"]?.Trim() is { Length: > 0 } name ? name : null;
        if (problems.Count > 0)
        {
            return Off with { Problems = problems };
        }

        return new OtlpSettings
        {
            Protocol = protocol,
            Traces = traces,
            Metrics = metrics,
            Logs = logs,
            HeadersText = string.IsNullOrWhiteSpace(headersText) ? null : headersText.Trim(),
            Headers = headers,
            ServiceName = serviceName,
            ResourceAttributes = attributes,
        };
    }

    private static OtlpExportProtocol ProtocolOf(string? value, List<string> problems)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "grpc":
                return OtlpExportProtocol.Grpc;
            case "http/protobuf":
                return OtlpExportProtocol.HttpProtobuf;
            default:
                problems.Add($"OTEL_EXPORTER_OTLP_PROTOCOL '{value}' is not supported: use grpc (the default, port 4317) or http/protobuf (port 4318); telemetry is not exported");
                return OtlpExportProtocol.Grpc;
        }
    }

    private static Uri? EndpointOf(string variable, string? value, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0)
        {
            return uri;
        }

        problems.Add($"{variable} '{value}' is not an http:// or https:// URL of a collector, e.g. http://localhost:4317 (grpc) or http://localhost:4318 (http/protobuf); telemetry is not exported");
        return null;
    }

    /// <summary>W3C-baggage-like key=value pairs, comma-separated, values percent-encoded. Header values are secrets: a
    /// problem says which pair is wrong, not what it holds.</summary>
    private static Dictionary<string, string> PairsOf(string variable, string? value, string example, List<string> problems, bool showValues)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(value))
        {
            return pairs;
        }

        var items = value.Split(',', StringSplitOptions.TrimEntries);
        for (var i = 0; i < items.Length; i++)
        {
            var equals = items[i].IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || items[i][..equals].Trim().Length == 0)
            {
                var shown = showValues ? $"'{items[i]}'" : $"pair {i + 1}";
                problems.Add($"{variable}: {shown} is not key=value; write comma-separated key=value pairs, e.g. {example}; telemetry is not exported");
                continue;
            }

            pairs[items[i][..equals].Trim()] = Uri.UnescapeDataString(items[i][(equals + 1)..].Trim());
        }

        return pairs;
    }
}
