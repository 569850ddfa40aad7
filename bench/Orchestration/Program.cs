using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SweepGrid.Client.Cluster;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Grains;
using SweepGrid.Grains.Storage;
using SweepGrid.Silo.Hosting;
using SweepGrid.Silo.Workers;

// Orchestration overhead: N fake trials of a fixed length through the real grains, dispatcher, workers and
// SQLite storage of one embedded silo. Compared with the ideal (trials × length / slots) and with the same
// waits run by plain threads in the same process, without any orchestration.
var trials = IntArgument("--trials", 1000);
var seconds = DoubleArgument("--trial-seconds", 0.1);
var slots = IntArgument("--slots", 2);
var folder = Path.Combine(Path.GetTempPath(), $"sweepgrid-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(folder);

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Workers:Slots"] = $"cpu x{slots}",
    ["Workers:CheckpointRoot"] = Path.Combine(folder, "checkpoints"),
    ["FakeExecutor:EpochDuration"] = TimeSpan.FromSeconds(seconds).ToString("c"),
    ["FakeExecutor:Checkpoints"] = "false",
});
builder.Services.AddSingleton<ITrialExecutor, FakeTrialExecutor>();
builder.UseOrleans(silo => silo
    .UseLocalhostClustering(FreePort(), FreePort())
    .AddSqliteGrainStorage(StorageNames.Default, options => options.DatabasePath = Path.Combine(folder, "sweepgrid.db"))
    .AddSweepGrid(builder.Configuration));
using var host = builder.Build();
await host.StartAsync();
var client = new SweepClient(host.Services.GetRequiredService<IGrainFactory>());

// A warm-up sweep, not counted: JIT, grain activation paths, the SQLite file.
await RunSweep("warmup", IntArgument("--warmup", Math.Min(seconds > 0 ? 200 : 2000, trials)));

var launchSeconds = 0.0;
var clock = Stopwatch.StartNew();
var status = await RunSweep("measured", trials);
var wall = clock.Elapsed.TotalSeconds;

var baseline = PlainThreads(trials, seconds, slots);
var ideal = trials * seconds / slots;
Console.WriteLine(FormattableString.Invariant($"{trials} trials of {seconds} s on {slots} slots, SQLite storage, one embedded silo ({Environment.ProcessorCount} cores)"));
Console.WriteLine(FormattableString.Invariant($"sweep: {status.Completed} completed, {status.Failed} failed, wall {wall:F2} s (launch {launchSeconds:F2} s), {trials / wall:F0} trials/s"));
if (seconds > 0)
{
    Console.WriteLine(FormattableString.Invariant($"ideal {ideal:F2} s: overhead {100 * (wall - ideal) / ideal:F2} %"));
    Console.WriteLine(FormattableString.Invariant($"plain threads, same waits, no orchestration: {baseline:F2} s: overhead over them {100 * (wall - baseline) / baseline:F2} %"));
}

await host.StopAsync();
Directory.Delete(folder, recursive: true);

async Task<SweepStatus> RunSweep(string name, int count)
{
    var rates = string.Join(", ", Enumerable.Range(1, count).Select(i => (i * 1e-6).ToString("R", CultureInfo.InvariantCulture)));
    var spec = $$"""
        name: {{name}}
        dataset: {name: fashion-mnist}
        training: {epochs: 1}
        parameters:
          optimizer: {value: adam}
          learning_rate: {values: [{{rates}}]}
        """;
    var launchClock = Stopwatch.StartNew();
    var launched = await client.LaunchAsync(spec);
    launchSeconds = launchClock.Elapsed.TotalSeconds;
    if (args.Contains("--poll"))
    {
        while ((await client.StatusAsync(launched.SweepId)).State == SweepState.Running)
        {
            await Task.Delay(20);
        }
    }
    else
    {
        await foreach (var _ in client.WatchAsync(launched.SweepId))
        {
        }
    }

    return await client.StatusAsync(launched.SweepId);
}

static double PlainThreads(int count, double seconds, int threads)
{
    var next = -1;
    var clock = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
    {
        using var never = new ManualResetEventSlim();
        while (Interlocked.Increment(ref next) < count)
        {
            never.Wait(TimeSpan.FromSeconds(seconds));
        }
    })).ToList();
    workers.ForEach(t => t.Start());
    workers.ForEach(t => t.Join());
    return clock.Elapsed.TotalSeconds;
}

static int FreePort()
{
    using var socket = new TcpListener(IPAddress.Loopback, 0);
    socket.Start();
    return ((IPEndPoint)socket.LocalEndpoint).Port;
}

int IntArgument(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

double DoubleArgument(string name, double fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
