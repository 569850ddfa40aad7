using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

// The dashboard at scale: a sweep of N trials (default 10,000) run with the fake trainer and `run --dashboard`, its live
// stream measured while it runs (messages, bytes, trials per message against the whole state), then its page loaded
// cold in headless Chromium several times: the time to the first full render (table and parallel coordinates) of the
// large sweep against a 100-trial sweep loaded the same way in the same run.
//   dotnet bench/Dashboard/bin/Release/net10.0/dashboard-bench.dll [--trials 10000] [--loads 5] [--keep DIR]
var trials = Option("--trials", 10_000);
var loads = Option("--loads", 5);
var sweepgrid = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Client/bin/Release/net10.0/sweepgrid.dll"));
if (!File.Exists(sweepgrid))
{
    Console.Error.WriteLine($"build the client first (dotnet build SweepGrid.sln -c Release): {sweepgrid} is missing");
    return 2;
}

// --keep DIR keeps the sweeps in DIR, and a later run with the same DIR loads their pages without running them again.
var keep = OptionText("--keep");
var root = keep is null ? Path.Combine(Path.GetTempPath(), $"sweepgrid-dashboard-bench-{Guid.NewGuid():N}") : Path.GetFullPath(keep);
var results = Path.Combine(root, "results");
var kept = Path.Combine(root, "sweeps.txt");
Directory.CreateDirectory(root);
try
{
    using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
    string small, large;
    int smallCount, largeCount;
    if (File.Exists(kept))
    {
        var lines = File.ReadAllLines(kept);
        (small, smallCount, large, largeCount) = (lines[0], int.Parse(lines[1], CultureInfo.InvariantCulture), lines[2], int.Parse(lines[3], CultureInfo.InvariantCulture));
        Console.WriteLine($"the sweeps kept in {root}: {smallCount} and {largeCount:N0} trials");
    }
    else
    {
        (small, smallCount) = await RunSweepAsync("small", 100, measureStream: false);
        (large, largeCount) = await RunSweepAsync("large", trials, measureStream: true);
        await File.WriteAllLinesAsync(kept, [small, $"{smallCount}", large, $"{largeCount}"]);
    }

    using var dashboard = Start(["dashboard", "--results", results, "--port", "0"], new Dictionary<string, string>());
    try
    {
        var origin = new Uri((await DashboardUrlAsync(dashboard)).GetLeftPart(UriPartial.Authority));
        // The server's monitor of each sweep is warmed by one request, so the loads measure the page, not the first SQLite read.
        var detailBytes = (await http.GetByteArrayAsync(new Uri(origin, $"/api/sweeps/{large}"))).Length;
        await http.GetByteArrayAsync(new Uri(origin, $"/api/sweeps/{small}"));
        using (var chromium = Chromium())
        {
            var smallTimes = Load(chromium, new Uri(origin, $"/sweeps/{small}"), smallCount, loads);
            var largeTimes = Load(chromium, new Uri(origin, $"/sweeps/{large}"), largeCount, loads);
            Console.WriteLine($"first render, cold page, {loads} loads (ms from navigation to the table and parallel coordinates painted):");
            Console.WriteLine($"  {smallCount,6:N0} trials: median {Median(smallTimes):F0}  min {smallTimes.Min():F0}  max {smallTimes.Max():F0}");
            Console.WriteLine($"  {largeCount,6:N0} trials: median {Median(largeTimes):F0}  min {largeTimes.Min():F0}  max {largeTimes.Max():F0}  (target < 2000)");
            Console.WriteLine($"  ratio {largeCount:N0} / {smallCount}: {Median(largeTimes) / Median(smallTimes):F2}x");
            Console.WriteLine($"  the whole state of {largeCount:N0} trials: {detailBytes / 1024.0 / 1024.0:F1} MiB of JSON");
        }
    }
    finally
    {
        dashboard.Kill(entireProcessTree: true);
    }

    return 0;
}
finally
{
    if (keep is null)
    {
        Directory.Delete(root, recursive: true);
    }
}

// Runs a sweep of about `count` trials (the nearest fourth power) (4 parameters, learning_rate on a log grid) to the end; answers its id.
async Task<(string Id, int Trials)> RunSweepAsync(string name, int count, bool measureStream)
{
    var side = (int)Math.Round(Math.Pow(count, 0.25));
    var values = Enumerable.Range(0, side).ToList();
    string List(Func<int, double> value) => "[" + string.Join(", ", values.Select(i => value(i).ToString("R", CultureInfo.InvariantCulture))) + "]";
    var spec = Path.Combine(root, $"{name}.yaml");
    await File.WriteAllTextAsync(spec, $"""
        name: dashboard-bench-{name}
        dataset: {"{"}name: fashion-mnist{"}"}
        training: {"{"}epochs: 3, optimizer: sgd{"}"}
        method: grid
        metric: {"{"}name: val_accuracy, goal: maximize{"}"}
        parameters:
          learning_rate: {"{"}values: {List(i => Math.Pow(10, -4 + 3.0 * i / Math.Max(1, side - 1)))}{"}"}
          dropout: {"{"}values: {List(i => 0.05 * i)}{"}"}
          momentum: {"{"}values: {List(i => 0.09 * i)}{"}"}
          weight_decay: {"{"}values: {List(i => 0.0001 * i)}{"}"}
        """);
    var fake = new Dictionary<string, string> { ["SWEEPGRID_Workers__Executor"] = "fake", ["SWEEPGRID_FakeExecutor__EpochDuration"] = "00:00:00.020" };
    var watch = Stopwatch.StartNew();
    var run = Start(["run", spec, "--results", results, "--slots", "cpu x16", "--bundle", "1", "--dashboard", "--port", "0", "--json"], fake);
    // run prints the sweep's page: http://127.0.0.1:PORT/sweeps/ID.
    var page = await DashboardUrlAsync(run);
    var origin = new Uri(page.GetLeftPart(UriPartial.Authority));
    var sweepId = page.Segments[^1];
    if (measureStream)
    {
        await MeasureStreamAsync(origin, sweepId);
    }

    await run.WaitForExitAsync();
    var total = side * side * side * side;
    Console.WriteLine($"sweep {sweepId}: {total} trials run in {watch.Elapsed.TotalSeconds:F1} s (exit {run.ExitCode})");
    return (sweepId, total);
}

// Follows the live stream from the first full state to the end: how much each update carries against the whole.
async Task MeasureStreamAsync(Uri origin, string sweepId)
{
    using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    using var response = await client.GetAsync(new Uri(origin, $"/api/sweeps/{sweepId}/events"), HttpCompletionOption.ResponseHeadersRead);
    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
    long resetBytes = 0, updateBytes = 0;
    int updates = 0, changed = 0, largest = 0;
    string kind = "";
    while (await reader.ReadLineAsync() is { } line)
    {
        if (line.StartsWith("event: ", StringComparison.Ordinal))
        {
            kind = line[7..];
        }
        else if (line.StartsWith("data: ", StringComparison.Ordinal))
        {
            if (kind == "reset")
            {
                resetBytes += line.Length;
            }
            else if (kind == "update")
            {
                updates++;
                updateBytes += line.Length;
                var count = JsonDocument.Parse(line[6..]).RootElement.GetProperty("trials").GetArrayLength();
                changed += count;
                largest = Math.Max(largest, count);
            }
            else if (kind == "end")
            {
                break;
            }
        }
    }

    Console.WriteLine($"live stream: first full state {resetBytes / 1024.0:F0} KiB, then {updates} updates of {updateBytes / Math.Max(1, updates) / 1024.0:F1} KiB "
        + $"and {changed / (double)Math.Max(1, updates):F0} trials on average (largest {largest})");
}

List<double> Load(ChromeDriver chromium, Uri url, int count, int times)
{
    var measured = new List<double>();
    for (var i = 0; i < times; i++)
    {
        chromium.Navigate().GoToUrl("about:blank");
        chromium.Navigate().GoToUrl(url);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (chromium.ExecuteScript("return document.body.dataset.renderedMs || null") is null
               || !Equals(chromium.ExecuteScript("return document.querySelector('#parcoords')?.dataset.lines || null"), count.ToString(CultureInfo.InvariantCulture)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{url} did not render {count} trials");
            }

            Thread.Sleep(50);
        }

        // The table is painted with the first frame after the render (the page notes when the frame after it starts); the
        // parallel coordinates once ECharts says it painted every line drawn (its progressive chunks too).
        // performance.now() counts from the navigation.
        var tablePainted = WhenSet(chromium, "document.body.dataset.firstFrameMs", url);
        var parcoordsPainted = WhenSet(chromium, "(c => Number(c.dataset.finishedMs) >= Number(c.dataset.drawnAtMs) ? c.dataset.finishedMs : null)(document.querySelector('#parcoords'))", url);
        // Then the charts drawn after those two: the learning curves and the metric by configuration.
        var restPainted = WhenSet(chromium, """
            (charts => charts.every((c) => c.dataset.drawnAtMs && Number(c.dataset.finishedMs) >= Number(c.dataset.drawnAtMs))
              ? String(Math.max(...charts.map((c) => Number(c.dataset.finishedMs)))) : null)(['#curves', '#accuracy-by-config'].map((id) => document.querySelector(id)))
            """, url);
        var painted = Math.Max(tablePainted, parcoordsPainted);
        measured.Add(painted);
        var breakdown = chromium.ExecuteScript("""
            const r = (name) => performance.getEntriesByType('resource').find((e) => e.name.includes(name));
            const nav = performance.getEntriesByType('navigation')[0];
            return `page ${Math.round(nav.responseEnd)} ms, script ${Math.round(r('app.js')?.responseEnd ?? 0)} ms, `
              + `sweep JSON ${Math.round(r('/api/sweeps/')?.startTime ?? 0)}-${Math.round(r('/api/sweeps/')?.responseEnd ?? 0)} ms, `
              + `rendered ${document.body.dataset.renderedMs} ms; setOption ms: `
              + [...document.querySelectorAll('[data-draw-ms]')].map((c) => `${c.id} ${c.dataset.drawMs}`).join(', ');
            """);
        Console.WriteLine($"    load {i + 1} of {count:N0} trials: painted {painted:F0} ms (table {tablePainted:F0}, parallel coordinates {parcoordsPainted:F0}; curves and by configuration {restPainted:F0}; {breakdown})");
    }

    return measured;
}

// Polls a page expression until it gives a number (a data attribute the page sets); on timeout, says what the charts held.
static double WhenSet(ChromeDriver chromium, string expression, Uri url)
{
    var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
    object? value;
    while ((value = chromium.ExecuteScript($"return {expression} ?? null")) is null)
    {
        if (DateTime.UtcNow > deadline)
        {
            var state = chromium.ExecuteScript("return [...document.querySelectorAll('[data-drawn-at-ms]')].map((c) => `${c.id}: drawn at ${c.dataset.drawnAtMs}, finished ${c.dataset.finishedMs}`).join('; ')");
            throw new TimeoutException($"{url}: {expression} was never set ({state})");
        }

        Thread.Sleep(20);
    }

    return Convert.ToDouble(value, CultureInfo.InvariantCulture);
}

static ChromeDriver Chromium()
{
    var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
    options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1500");
    var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
    service.SuppressInitialDiagnosticInformation = true;
    return new ChromeDriver(service, options, TimeSpan.FromMinutes(2));
}

Process Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    start.ArgumentList.Add(sweepgrid);
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    foreach (var (key, value) in environment)
    {
        start.Environment[key] = value;
    }

    return Process.Start(start)!;
}

// The "dashboard: URL" line (`run --json` says it on stderr, `dashboard` on stdout); the rest of the output is drained so
// the program never blocks on a full pipe.
static async Task<Uri> DashboardUrlAsync(Process process)
{
    var (lines, other) = process.StartInfo.ArgumentList.Contains("--json")
        ? (process.StandardError, process.StandardOutput)
        : (process.StandardOutput, process.StandardError);
    _ = other.ReadToEndAsync();
    while (await lines.ReadLineAsync() is { } line)
    {
        if (line.StartsWith("dashboard: http", StringComparison.Ordinal))
        {
            _ = lines.ReadToEndAsync();
            return new Uri(line["dashboard: ".Length..].Split(' ')[0]);
        }
    }

    throw new InvalidOperationException("sweepgrid exited without serving a dashboard");
}

string? OptionText(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
