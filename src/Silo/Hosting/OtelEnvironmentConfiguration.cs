using System.Collections;
using Microsoft.Extensions.Configuration;

namespace SweepGrid.Silo.Hosting;

public static class OtelEnvironmentConfiguration
{
    /// <summary>The process's OTEL_* variables under their own names, for a host that otherwise reads only SWEEPGRID_-prefixed
    /// ones: OpenTelemetry's standard variables then reach the client and the embedded silo as they reach a standalone silo.</summary>
    public static IConfigurationBuilder AddOtelEnvironmentVariables(this IConfigurationBuilder configuration) =>
        configuration.AddInMemoryCollection(Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Where(variable => variable.Key is string name && name.StartsWith("OTEL_", StringComparison.Ordinal))
            .Select(variable => KeyValuePair.Create((string)variable.Key, variable.Value as string)));
}
