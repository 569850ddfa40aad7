using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Events;
using Serilog.Filters;
using Serilog.Formatting.Compact;
using Serilog.Sinks.OpenTelemetry;
using Serilog.Sinks.SystemConsole.Themes;
using SweepGrid.Silo.Settings;
using SweepGrid.Silo.Telemetry;

namespace SweepGrid.Silo.Hosting;

public static class SweepGridObservability
{
    /// <summary>Orleans' own activity sources: with activity propagation they carry the trace across grain calls.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    // A collector that accepts no connection must not hold a batch of logs (and so the process's exit) for long.
    private static readonly TimeSpan LogExportConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Serilog to the console (unless Logging:Console is false) and to a rolling JSON file (Logging:Folder), every event carrying
    /// the TraceId and SpanId of the activity it was written in; OpenTelemetry traces and metrics. With OpenTelemetry's
    /// standard variables (<see cref="OtlpSettings"/>) all three go over OTLP too, and what is left is flushed as the host
    /// stops. Without <paramref name="logging"/> (a client) logs go nowhere but OTLP. A variable that cannot work, or an
    /// endpoint where nothing listens, is one warning (on stderr where the console shows no logs); the work goes on.
    /// </summary>
    public static IHostApplicationBuilder AddSweepGridObservability(this IHostApplicationBuilder builder, string serviceName, LoggingOptions? logging)
    {
        var otlp = OtlpSettings.Read(builder.Configuration);
        var service = otlp.ServiceName ?? serviceName;
        builder.Services.AddSingleton(otlp);
        // Registered first, so stopped last: after the silo's own shutdown has written its last spans and logs.
        builder.Services.AddHostedService<TelemetryFlush>();
        builder.Services.AddHostedService<OtlpEndpointCheck>();
        builder.Services.AddSerilog(logger =>
        {
            logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                // Orleans' placement retries log every attempt through Polly at Information.
                .MinimumLevel.Override("Polly", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Service", service);
            if (logging is not null)
            {
                logger.WriteTo.File(new CompactJsonFormatter(), Path.Combine(logging.Folder, $"{serviceName}-.json"),
                    rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, fileSizeLimitBytes: 100_000_000, rollOnFileSizeLimit: true);
            }

            // The CLI's embedded silo keeps the console for its live view (Logging:Console = false); what is wrong with its
            // telemetry still reaches the user, on stderr.
            if (logging is { Console: true })
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {TraceId}{NewLine}{Exception}");
            }
            else
            {
                logger.WriteTo.Logger(warnings => warnings
                    .Filter.ByIncludingOnly(Matching.FromSource<OtlpEndpointCheck>())
                    .WriteTo.Console(outputTemplate: "warning: {Message:lj}{NewLine}", theme: ConsoleTheme.None, standardErrorFromLevel: LogEventLevel.Verbose));
            }

            if (otlp.Logs is { } logs)
            {
                logger.WriteTo.OpenTelemetry(sink =>
                {
                    sink.Endpoint = null;
                    sink.LogsEndpoint = logs.Endpoint.AbsoluteUri;
                    sink.Protocol = otlp.Protocol == OtlpExportProtocol.HttpProtobuf ? OtlpProtocol.HttpProtobuf : OtlpProtocol.Grpc;
                    sink.HttpMessageHandler = new SocketsHttpHandler { ActivityHeadersPropagator = null, ConnectTimeout = LogExportConnectTimeout };
                    foreach (var (name, value) in otlp.Headers)
                    {
                        sink.Headers[name] = value;
                    }

                    foreach (var (name, value) in otlp.ResourceAttributes)
                    {
                        sink.ResourceAttributes[name] = value;
                    }

                    sink.ResourceAttributes["service.name"] = service;
                }, ignoreEnvironment: true);
            }
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(service)
                .AddAttributes(otlp.ResourceAttributes.Select(a => KeyValuePair.Create(a.Key, (object)a.Value))))
            .WithTracing(tracing =>
            {
                tracing.AddSource(SweepGridTelemetry.Name).AddSource(OrleansSources).SetSampler(SweepGridRootSampler.ParentBased());
                if (otlp.Traces is { } traces)
                {
                    tracing.AddOtlpExporter(exporter => Configure(exporter, otlp, traces));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SweepGridTelemetry.Name, "Microsoft.Orleans");
                if (otlp.Metrics is { } signal)
                {
                    metrics.AddOtlpExporter(exporter => Configure(exporter, otlp, signal));
                }
            });
        return builder;
    }

    /// <summary>The signal's full endpoint, set here rather than read by the exporter: it would read only the variables
    /// of a host's configuration, which a client's is not.</summary>
    private static void Configure(OtlpExporterOptions exporter, OtlpSettings otlp, OtlpSignal signal)
    {
        exporter.Endpoint = signal.Endpoint;
        exporter.Protocol = otlp.Protocol;
        exporter.Headers = otlp.HeadersText;
    }
}
