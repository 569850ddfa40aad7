namespace SweepGrid.Cli.Tests.Otlp;

/// <summary>A span as it reached the collector: ids in hex, its links as (trace, span), its process's service.name.</summary>
public sealed record OtlpSpan(string Service, string Scope, string Name, string TraceId, string SpanId, string ParentSpanId,
    IReadOnlyList<(string TraceId, string SpanId)> Links, IReadOnlyDictionary<string, object?> Attributes)
{
    /// <summary>The spans of an ExportTraceServiceRequest: resource_spans 1 → resource 1, scope_spans 2 → scope 1, spans 2.</summary>
    public static IEnumerable<OtlpSpan> Read(ProtoMessage request) =>
        from resource in request.Messages(1)
        let service = ServiceOf(resource)
        from scope in resource.Messages(2)
        from span in scope.Messages(2)
        select new OtlpSpan(service, scope.Message(1)?.String(1) ?? "", span.String(5) ?? "", span.Hex(1), span.Hex(2), span.Hex(4),
            span.Messages(13).Select(link => (link.Hex(1), link.Hex(2))).ToList(), OtlpAttributes.Of(span, 9));

    public static string ServiceOf(ProtoMessage resourceItem) =>
        resourceItem.Message(1) is { } resource && OtlpAttributes.Of(resource, 1).TryGetValue("service.name", out var name) ? name as string ?? "" : "";
}
