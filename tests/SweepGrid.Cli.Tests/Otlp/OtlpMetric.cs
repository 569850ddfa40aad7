namespace SweepGrid.Cli.Tests.Otlp;

/// <summary>A metric as it reached the collector, with the values of its sum's data points (a counter) by their attributes.</summary>
public sealed record OtlpMetric(string Service, string Scope, string Name, IReadOnlyList<(IReadOnlyDictionary<string, object?> Attributes, double Value)> SumPoints)
{
    /// <summary>The metrics of an ExportMetricsServiceRequest: resource_metrics 1 → scope_metrics 2 → metrics 2 (name 1, sum 7 →
    /// data_points 1: attributes 7, as_double 4, as_int 6).</summary>
    public static IEnumerable<OtlpMetric> Read(ProtoMessage request) =>
        from resource in request.Messages(1)
        let service = OtlpSpan.ServiceOf(resource)
        from scope in resource.Messages(2)
        from metric in scope.Messages(2)
        select new OtlpMetric(service, scope.Message(1)?.String(1) ?? "", metric.String(1) ?? "",
            (metric.Message(7)?.Messages(1) ?? []).Select(point => (OtlpAttributes.Of(point, 7), point.Double(4) ?? (long)(point.Number(6) ?? 0))).ToList());
}
