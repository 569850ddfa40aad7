using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using SweepGrid.Silo.Settings;
using SweepGrid.Silo.Telemetry;

namespace SweepGrid.Silo.Hosting;

public static class SweepGridObservability
{
    /// <summary>Orleans' own activity sources: with activity propagation they carry the trace across grain calls.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>
    /// Serilog to the console (unless Logging:Console is false) and to a rolling JSON file (Logging:Folder), every event carrying
    /// the TraceId and SpanId of the activity it was written in; OpenTelemetry traces and metrics, exported
    /// over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
    /// </summary>
    public static IHostApplicationBuilder AddSweepGridObservability(this IHostApplicationBuilder builder, string serviceName, LoggingOptions logging)
    {
        var folder = logging.Folder;
        // The CLI's embedded silo keeps the console for its live view (Logging:Console = false).
        var console = logging.Console;
        builder.Services.AddSerilog(logger =>
        {
            logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                // Orleans' placement retries log every attempt through Polly at Information.
                .MinimumLevel.Override("Polly", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Service", serviceName)
                .WriteTo.File(new CompactJsonFormatter(), Path.Combine(folder, $"{serviceName}-.json"),
                    rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, fileSizeLimitBytes: 100_000_000, rollOnFileSizeLimit: true);
            if (console)
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {TraceId}{NewLine}{Exception}");
            }
        });

        // OpenTelemetry's own variable, which its exporter reads: here only whether it is set.
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(SweepGridTelemetry.Name).AddSource(OrleansSources);
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SweepGridTelemetry.Name, "Microsoft.Orleans");
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return builder;
    }
}
