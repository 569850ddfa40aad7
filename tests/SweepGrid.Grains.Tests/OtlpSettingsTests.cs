using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;
using SweepGrid.Silo.Telemetry;

namespace SweepGrid.Grains.Tests;

public sealed class OtlpSettingsTests
{
    /// <summary>The settings of these variables; a later one replaces an earlier one of the same name.</summary>
    private static OtlpSettings Read(params (string Name, string Value)[] variables)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (name, value) in variables)
        {
            values[name] = value;
        }

        return OtlpSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
    }

    [Fact]
    public void Without_an_endpoint_nothing_is_exported_and_nothing_is_wrong()
    {
        var settings = Read();
        Assert.Empty(settings.Signals);
        Assert.Empty(settings.Problems);
    }

    [Fact]
    public void Over_http_protobuf_each_signal_goes_to_its_own_path_under_the_endpoint()
    {
        var settings = Read(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/otlp/"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));

        Assert.Equal(OtlpExportProtocol.HttpProtobuf, settings.Protocol);
        Assert.Equal("http://collector:4318/otlp/v1/traces", settings.Traces!.Endpoint.AbsoluteUri);
        Assert.Equal("http://collector:4318/otlp/v1/metrics", settings.Metrics!.Endpoint.AbsoluteUri);
        Assert.Equal("http://collector:4318/otlp/v1/logs", settings.Logs!.Endpoint.AbsoluteUri);
    }

    [Fact]
    public void Over_grpc_the_default_every_signal_goes_to_the_endpoint_and_a_signals_own_endpoint_wins()
    {
        var settings = Read(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"), ("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "http://logs:4317"));

        Assert.Equal(OtlpExportProtocol.Grpc, settings.Protocol);
        Assert.Equal(new Uri("http://collector:4317"), settings.Traces!.Endpoint);
        Assert.Equal(new Uri("http://logs:4317"), settings.Logs!.Endpoint);
        Assert.Equal("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", settings.Logs.Variable);
    }

    [Fact]
    public void Headers_service_name_and_resource_attributes_are_read_and_percent_decoded()
    {
        var settings = Read(("OTEL_EXPORTER_OTLP_ENDPOINT", "https://otlp.example.com"), ("OTEL_EXPORTER_OTLP_HEADERS", "api-key=s%3Dcret, tenant=ml"),
            ("OTEL_SERVICE_NAME", "lab-sweeps"), ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=lab,team=vision%20group"));

        Assert.Equal(new Dictionary<string, string> { ["api-key"] = "s=cret", ["tenant"] = "ml" }, settings.Headers);
        Assert.Equal("api-key=s%3Dcret, tenant=ml", settings.HeadersText);
        Assert.Equal("lab-sweeps", settings.ServiceName);
        Assert.Equal("vision group", settings.ResourceAttributes["team"]);
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url", "OTEL_EXPORTER_OTLP_ENDPOINT 'not a url' is not an http:// or https:// URL")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "ftp://collector:21", "OTEL_EXPORTER_OTLP_ENDPOINT 'ftp://collector:21' is not an http:// or https:// URL")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", "OTEL_EXPORTER_OTLP_PROTOCOL 'http/json' is not supported: use grpc")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "collector", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT 'collector' is not an http:// or https:// URL")]
    [InlineData("OTEL_RESOURCE_ATTRIBUTES", "team", "OTEL_RESOURCE_ATTRIBUTES: 'team' is not key=value")]
    public void A_value_that_cannot_work_is_one_problem_naming_it_and_export_is_off(string variable, string value, string problem)
    {
        var settings = Read(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"), (variable, value));

        Assert.Contains(problem, Assert.Single(settings.Problems));
        Assert.Empty(settings.Signals);
    }

    [Fact]
    public void A_malformed_header_is_named_by_its_place_not_by_its_value_which_may_be_a_secret()
    {
        var settings = Read(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"), ("OTEL_EXPORTER_OTLP_HEADERS", "tenant=ml,Bearer hunter2"));

        var problem = Assert.Single(settings.Problems);
        Assert.Contains("OTEL_EXPORTER_OTLP_HEADERS: pair 2 is not key=value", problem);
        Assert.DoesNotContain("hunter2", problem);
    }

    [Fact]
    public void OTEL_SDK_DISABLED_turns_export_off_without_a_problem() =>
        Assert.Empty(Read(("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url"), ("OTEL_SDK_DISABLED", "true")).Problems);
}
