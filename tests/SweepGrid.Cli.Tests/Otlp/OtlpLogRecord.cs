namespace SweepGrid.Cli.Tests.Otlp;

/// <summary>A log record as it reached the collector: its rendered body, the trace and span it was written in (hex, "" if none).</summary>
public sealed record OtlpLogRecord(string Service, string Body, string TraceId, string SpanId, IReadOnlyDictionary<string, object?> Attributes)
{
    /// <summary>The records of an ExportLogsServiceRequest: resource_logs 1 → scope_logs 2 → log_records 2 (body 5, attributes 6,
    /// trace_id 9, span_id 10).</summary>
    public static IEnumerable<OtlpLogRecord> Read(ProtoMessage request) =>
        from resource in request.Messages(1)
        let service = OtlpSpan.ServiceOf(resource)
        from scope in resource.Messages(2)
        from record in scope.Messages(2)
        select new OtlpLogRecord(service, record.Message(5) is { } body ? OtlpAttributes.ValueOf(body) as string ?? "" : "", record.Hex(9), record.Hex(10),
            OtlpAttributes.Of(record, 6));
}
