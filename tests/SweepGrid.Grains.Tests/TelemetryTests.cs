using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SweepGrid.Silo.Hosting;
using SweepGrid.Silo.Settings;
using SweepGrid.TestData;

namespace SweepGrid.Grains.Tests;

public sealed class TelemetryTests : IDisposable
{
    private readonly TempFolder _temp = new("sweepgrid-telemetry");

    [Fact]
    public async Task The_sweepgrid_meter_counts_trials_by_outcome_epochs_queue_depth_and_busy_slots()
    {
        var measurements = new List<(string Name, double Value, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "SweepGrid")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    outcome = tag.Value as string;
                }
            }

            lock (measurements)
            {
                measurements.Add((instrument.Name, value, outcome));
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        await using (var cluster = await OrchestrationCluster.StartAsync(_temp.Path, new ClusterSettings { Silos = 1, Slots = "cpu x2" }))
        {
            var status = await cluster.Sweeps.LaunchAsync(Specs.Small("metered", trials: 5, epochs: 3));
            await cluster.WaitForSweepAsync(status.SweepId, TimeSpan.FromSeconds(60));
        }

        List<(string Name, double Value, string? Outcome)> Of(string name)
        {
            lock (measurements)
            {
                return measurements.Where(m => m.Name == name).ToList();
            }
        }

        // Other tests' clusters may run in this process at the same time, so counts are lower bounds.
        Assert.True(Of("sweepgrid.trials").Where(m => m.Outcome == "completed").Sum(m => m.Value) >= 5);
        Assert.True(Of("sweepgrid.epoch.duration").Count >= 15);
        Assert.Contains(Of("sweepgrid.epoch.samples_per_second"), m => m.Value > 0);
        Assert.Contains(Of("sweepgrid.queue.depth"), m => m.Value > 0);
        Assert.Contains(Of("sweepgrid.slots.busy"), m => m.Value == 1);
        Assert.Contains(Of("sweepgrid.slots.busy"), m => m.Value == -1);
    }

    [Fact]
    public async Task Logs_go_to_a_json_file_with_the_trace_and_span_of_the_activity_they_were_written_in()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddSweepGridObservability("telemetry-test", new LoggingOptions { Folder = _temp.Path });
        using var source = new ActivitySource("SweepGrid.Tests.Logging");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);

        ActivityTraceId traceId;
        ActivitySpanId spanId;
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILogger<TelemetryTests>>();
            using (var activity = source.StartActivity("logged")!)
            {
                traceId = activity.TraceId;
                spanId = activity.SpanId;
                logger.LogInformation("Trial {TrialId} finished with {Accuracy}", "abc123", 0.91);
            }

            await host.StopAsync();
        }

        var file = Assert.Single(Directory.GetFiles(_temp.Path, "telemetry-test-*.json"));
        var line = File.ReadLines(file).Single(l => l.Contains("abc123", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line);
        Assert.Equal(traceId.ToString(), json.RootElement.GetProperty("@tr").GetString());
        Assert.Equal(spanId.ToString(), json.RootElement.GetProperty("@sp").GetString());
        Assert.Equal("abc123", json.RootElement.GetProperty("TrialId").GetString());
        Assert.Equal(0.91, json.RootElement.GetProperty("Accuracy").GetDouble());
        Assert.Equal("Trial {TrialId} finished with {Accuracy}", json.RootElement.GetProperty("@mt").GetString());
    }

    public void Dispose() => _temp.Dispose();
}
