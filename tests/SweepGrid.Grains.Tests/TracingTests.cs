using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using SweepGrid.Contracts.Telemetry;
using SweepGrid.TestData;

namespace SweepGrid.Grains.Tests;

public sealed class TracingTests : IDisposable
{
    private readonly TempFolder _temp = new("sweepgrid-trace");

    [Fact]
    public async Task Each_trial_attempt_is_a_trace_of_its_own_linked_to_the_clients_launch_with_its_epochs_inside()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(SweepGridActivities.SourceName).AddInMemoryExporter(spans).Build();
        await using var cluster = await OrchestrationCluster.StartAsync(_temp.Path, new ClusterSettings { Silos = 2, Slots = "cpu x1" });

        var status = await cluster.Sweeps.LaunchAsync(Specs.Small("traced", trials: 2, epochs: 2));
        await cluster.WaitForSweepAsync(status.SweepId, TimeSpan.FromSeconds(60));
        tracing!.ForceFlush();

        List<Activity> Of(string name) => spans.Where(s => s.OperationName == name).ToList();
        var launch = Assert.Single(Of("sweep.launch"), s => (string?)s.GetTagItem("sweep") == status.SweepId);
        var trials = Of("trial").Where(s => (string?)s.GetTagItem("sweep") == status.SweepId).ToList();
        Assert.Equal(2, trials.Count);
        Assert.All(trials, trial =>
        {
            Assert.NotEqual(launch.TraceId, trial.TraceId);
            Assert.Equal(default, trial.ParentSpanId);
            var link = Assert.Single(trial.Links);
            Assert.Equal((launch.TraceId, launch.SpanId), (link.Context.TraceId, link.Context.SpanId));
            Assert.Equal("adam", trial.GetTagItem("optimizer"));
            Assert.Equal(1, trial.GetTagItem("attempt"));
            Assert.Equal("completed", trial.GetTagItem("outcome"));
            Assert.NotNull(trial.GetTagItem("learning_rate"));
            Assert.NotNull(trial.GetTagItem("dropout"));
            Assert.NotNull(trial.GetTagItem("silo"));
            Assert.Equal("cpu", trial.GetTagItem("device"));
        });
        Assert.Equal(2, trials.Select(t => t.TraceId).Distinct().Count());
        var epochs = Of("trial.epoch").Where(s => trials.Any(t => t.TraceId == s.TraceId)).ToList();
        Assert.Equal(4, epochs.Count);
        Assert.All(epochs, epoch =>
        {
            Assert.Contains(trials, t => t.SpanId == epoch.ParentSpanId && t.TraceId == epoch.TraceId);
            Assert.NotNull(epoch.GetTagItem("loss"));
            Assert.NotNull(epoch.GetTagItem("samples_per_second"));
        });
    }

    public void Dispose() => _temp.Dispose();
}
