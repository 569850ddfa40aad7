using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SweepGrid.Cli.Tests.Otlp;
using SweepGrid.TestData;

namespace SweepGrid.Cli.Tests;

/// <summary>
/// Telemetry as a tracing backend receives it: the real programs, given only OpenTelemetry's standard variables, export
/// to an OTLP/HTTP receiver in the test. Each trial attempt must arrive as one whole trace (its `trial` span and one
/// `trial.epoch` span an epoch) linked to the `sweep.launch` span of the command that launched it; the SweepGrid meter
/// and the logs, with their trace ids, arrive too. A collector that is wrong or away costs one warning, never the sweep.
/// </summary>
public sealed class OtlpExportTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly TempFolder _temp = new("sweepgrid-otlp");

    [Fact]
    public async Task Run_exports_one_whole_trace_per_trial_attempt_linked_to_its_launch_with_the_sweepgrid_metrics_and_logs()
    {
        await using var collector = new OtlpReceiver();
        var spec = await WriteSpecAsync(SweepFixture.Spec(Digits(), name: "otlp-run"));

        var run = await SweepGridProcess.RunAsync(["run", spec, "--results", _temp.Combine("results"), "--slots", "cpu x2", "--json"], collector.Environment);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.DoesNotContain("warning:", run.Stderr);
        var sweepId = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("sweep").GetProperty("sweep_id").GetString()!;
        // Flushed before the process exited: nothing is waited for here but the receiver's own bookkeeping.
        await collector.WaitUntilAsync(c => TrialsOf(c, sweepId).Count == 4, TimeSpan.FromSeconds(30), "four trial spans");
        var trials = AssertWholeTracesLinkedToLaunch(collector, sweepId, trials: 4, epochs: 2, launchService: "sweepgrid", trialService: "sweepgrid");

        var meter = collector.Metrics.Where(m => m.Scope == "SweepGrid").ToList();
        Assert.Contains(meter, m => m.Name == "sweepgrid.epoch.duration");
        Assert.Contains(meter, m => m.Name == "sweepgrid.slots.busy");
        var completed = meter.Where(m => m.Name == "sweepgrid.trials")
            .SelectMany(m => m.SumPoints).Where(p => Equals(p.Attributes.GetValueOrDefault("outcome"), "completed")).Select(p => p.Value).DefaultIfEmpty().Max();
        Assert.Equal(4, completed);

        Assert.All(trials, trial =>
        {
            var trialId = (string)trial.Attributes["trial"]!;
            var starts = Assert.Single(collector.Logs, l => l.Body.Contains(trialId, StringComparison.Ordinal) && l.Body.Contains(" starts on ", StringComparison.Ordinal));
            Assert.Equal("sweepgrid", starts.Service);
            Assert.Equal((trial.TraceId, trial.SpanId), (starts.TraceId, starts.SpanId));
        });
        Assert.Empty(collector.Rejected);
    }

    [Fact]
    public async Task A_sweep_launched_on_a_silo_process_is_traced_from_the_clients_launch_to_the_epochs_on_the_silo()
    {
        await using var collector = new OtlpReceiver();
        var (environment, cluster) = SiloProcess.OneSlotFake(_temp);
        foreach (var (name, value) in collector.Environment)
        {
            environment[name] = value;
        }

        var spec = await WriteSpecAsync(SweepFixture.Spec(Digits(), name: "otlp-launch"));
        await using var silo = await SiloProcess.StartReadyAsync(environment, Patience);

        var launch = await SweepGridProcess.RunAsync(["launch", spec, "--cluster", cluster, "--watch", "--json"], collector.Environment);

        Assert.True(launch.ExitCode == 0, launch.Stderr);
        var sweepId = JsonDocument.Parse(launch.Stdout).RootElement.GetProperty("sweep_id").GetString()!;
        // The silo flushes as it stops (SIGTERM), the client did as it exited.
        Assert.Equal(0, await silo.StopAsync(Patience));
        await collector.WaitUntilAsync(c => TrialsOf(c, sweepId).Count == 4, TimeSpan.FromSeconds(30), "four trial spans");
        var trials = AssertWholeTracesLinkedToLaunch(collector, sweepId, trials: 4, epochs: 2, launchService: "sweepgrid-cli", trialService: "sweepgrid-silo");
        // Orleans' grain calls appear inside these traces, its background calls (membership, renewals) as no trace of their own.
        var traces = trials.Select(t => t.TraceId).Append(collector.Spans.Single(s => s.Name == "sweep.launch").TraceId).ToHashSet();
        Assert.All(collector.Spans, s => Assert.Contains(s.TraceId, traces));
        Assert.Contains(collector.Spans, s => s.Scope.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && trials.Any(t => t.TraceId == s.TraceId));
        Assert.Contains(collector.Logs, l => l.Service == "sweepgrid-silo" && l.Body.Contains(sweepId, StringComparison.Ordinal) && l.TraceId.Length == 32);
        Assert.Contains(collector.Metrics, m => m.Service == "sweepgrid-silo" && m.Name == "sweepgrid.trials");
    }

    [Fact]
    public async Task A_collector_endpoint_where_nothing_listens_is_one_warning_and_the_run_completes()
    {
        int closed;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closed = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var run = await RunOneTrialAsync(new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{closed}" });

        Assert.True(run.ExitCode == 0, run.Stderr);
        var warning = Assert.Single(Warnings(run));
        Assert.Contains($"http://127.0.0.1:{closed}", warning);
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", warning);
        Assert.Equal("completed", JsonDocument.Parse(run.Stdout).RootElement.GetProperty("sweep").GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url", "is not an http:// or https:// URL")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", "use grpc (the default, port 4317) or http/protobuf")]
    public async Task A_malformed_otlp_variable_is_one_warning_naming_it_and_the_run_completes(string variable, string value, string allowed)
    {
        var run = await RunOneTrialAsync(new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318", [variable] = value });

        Assert.True(run.ExitCode == 0, run.Stderr);
        var warning = Assert.Single(Warnings(run));
        Assert.Contains($"{variable} '{value}'", warning);
        Assert.Contains(allowed, warning);
        Assert.Equal("completed", JsonDocument.Parse(run.Stdout).RootElement.GetProperty("sweep").GetProperty("state").GetString());
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>The sweep's trial spans, each the root of its own trace with one epoch span an epoch in it, each linked to the
    /// one sweep.launch span of the sweep.</summary>
    private static List<OtlpSpan> AssertWholeTracesLinkedToLaunch(OtlpReceiver collector, string sweepId, int trials, int epochs, string launchService, string trialService)
    {
        var spans = collector.Spans;
        var launch = Assert.Single(spans, s => s.Name == "sweep.launch" && Equals(s.Attributes.GetValueOrDefault("sweep"), sweepId));
        Assert.Equal(launchService, launch.Service);
        var attempts = TrialsOf(collector, sweepId);
        Assert.Equal(trials, attempts.Count);
        Assert.Equal(trials, attempts.Select(t => t.TraceId).Distinct().Count());
        Assert.All(attempts, trial =>
        {
            Assert.Equal(trialService, trial.Service);
            Assert.Equal("", trial.ParentSpanId);
            Assert.Equal([(launch.TraceId, launch.SpanId)], trial.Links);
            Assert.Equal("completed", trial.Attributes["outcome"]);
            Assert.Equal(1L, trial.Attributes["attempt"]);
            var inTrace = spans.Where(s => s.TraceId == trial.TraceId && s.Name == "trial.epoch").ToList();
            Assert.All(inTrace, epoch => Assert.Equal(trial.SpanId, epoch.ParentSpanId));
            Assert.Equal(Enumerable.Range(1, epochs).Select(e => (long)e), inTrace.Select(e => (long)e.Attributes["epoch"]!).Order());
        });
        return attempts;
    }

    private static List<OtlpSpan> TrialsOf(OtlpReceiver collector, string sweepId) =>
        collector.Spans.Where(s => s.Name == "trial" && Equals(s.Attributes.GetValueOrDefault("sweep"), sweepId)).ToList();

    private static List<string> Warnings(SweepGridProcess.Outcome run) =>
        run.Stderr.Split('\n').Where(l => l.StartsWith("warning:", StringComparison.Ordinal)).ToList();

    private async Task<SweepGridProcess.Outcome> RunOneTrialAsync(IReadOnlyDictionary<string, string> environment)
    {
        var spec = await WriteSpecAsync($$"""
            name: otlp-one
            dataset: {name: digits, path: {{Digits()}}, validation_split: 0.2}
            model: {hidden: [16], activations: [relu]}
            training: {epochs: 1, batch_size: 32, seed: 7}
            method: grid
            metric: {name: val_accuracy, goal: maximize}
            parameters:
              optimizer: {values: [adam]}
            """);
        return await SweepGridProcess.RunAsync(["run", spec, "--results", _temp.Combine("results"), "--slots", "cpu x1", "--json"], environment);
    }

    private string Digits() =>
        Directory.Exists(_temp.Combine("digits")) ? _temp.Combine("digits") : SyntheticImages.WriteIdxFolder(_temp.Combine("digits"), trainCount: 300, testCount: 100);

    private async Task<string> WriteSpecAsync(string text)
    {
        var path = _temp.Combine($"spec-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, text);
        return path;
    }
}
