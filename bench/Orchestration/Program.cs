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
using SweepGrid.Silo.Settings;
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
    .UseInMemoryReminderService()
    .AddSqliteGrainStorage(StorageNames.Default, options => options.DatabasePath = Path.Combine(folder, "sweepgrid.db"))
    .AddSweepGrid(SweepGridSettings.Load(builder.Configuration)));
using var host = builder.Build();
await host.StartAsync();
var client = new SweepClient(host.Services.GetRequiredService<IGrainFactory>());

// A warm-up, not counted: JIT, grain activation paths, the SQLite file. A sweep holds at most 10,000 trials.
var warmup = IntArgument("--warmup", Math.Min(seconds > 0 ? 200 : 2000, trials));
for (var part = 0; part * 10_000 < warmup; part++)
{
    await RunSweep($"warmup-{part}", Math.Min(10_000, warmup - part * 10_000));
}

// Each round: the sweep, then the same waits on plain threads, so that both see the same machine.
var rounds = IntArgument("--rounds", 1);
var ideal = trials * seconds / slots;
var rates = new List<double>();
var overheads = new List<double>();
var baselineOverheads = new List<double>();
Console.WriteLine(FormattableString.Invariant($"{trials} trials of {seconds} s on {slots} slots, SQLite storage, one embedded silo ({Environment.ProcessorCount} cores), warm-up {warmup} trials"));
for (var round = 1; round <= rounds; round++)
{
    var launchSeconds = 0.0;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var status = await RunSweep($"measured-{round}", trials, s => launchSeconds = s);
    var wall = clock.Elapsed.TotalSeconds;
    var cpuPerTrial = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / trials;
    rates.Add(trials / wall);
    Console.WriteLine(FormattableString.Invariant(
        $"round {round}: {status.Completed} completed, {status.Failed} failed, wall {wall:F2} s (launch {launchSeconds:F2} s), {trials / wall:F0} trials/s, CPU {cpuPerTrial:F2} ms per trial"));
    if (seconds > 0)
    {
        var baseline = PlainThreads(trials, seconds, slots);
        overheads.Add(100 * (wall - ideal) / ideal);
        baselineOverheads.Add(100 * (baseline - ideal) / ideal);
        Console.WriteLine(FormattableString.Invariant(
            $"  ideal {ideal:F2} s: overhead {overheads[^1]:F2} %; plain threads, same waits, no orchestration: {baseline:F2} s ({baselineOverheads[^1]:F2} % over ideal), overhead over them {100 * (wall - baseline) / baseline:F2} %"));
    }
}

if (rounds > 1)
{
    Console.WriteLine(FormattableString.Invariant($"trials/s over {rounds} rounds: {rates.Min():F0}–{rates.Max():F0}, median {Median(rates):F0}"));
    if (seconds > 0)
    {
        Console.WriteLine(FormattableString.Invariant($"overhead over ideal: {overheads.Min():F2}–{overheads.Max():F2} %, median {Median(overheads):F2} %; plain threads: {baselineOverheads.Min():F2}–{baselineOverheads.Max():F2} %"));
    }
}

await host.StopAsync();
Directory.Delete(folder, recursive: true);

async Task<SweepStatus> RunSweep(string name, int count, Action<double>? launched = null)
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
    var sweep = await client.LaunchAsync(spec);
    launched?.Invoke(launchClock.Elapsed.TotalSeconds);
    if (args.Contains("--poll"))
    {
        while ((await client.StatusAsync(sweep.SweepId)).State == SweepState.Running)
        {
            await Task.Delay(20);
        }
    }
    else
    {
        await foreach (var _ in client.WatchAsync(sweep.SweepId))
        {
        }
    }

    return await client.StatusAsync(sweep.SweepId);
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

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

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
