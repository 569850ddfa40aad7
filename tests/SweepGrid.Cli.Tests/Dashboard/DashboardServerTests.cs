using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SweepGrid.TestData;

namespace SweepGrid.Cli.Tests.Dashboard;

/// <summary>
/// The browser dashboard's server as a program: its options' errors, its JSON API and 404s over a results folder, and live
/// updates that resume after a dropped connection (what a page does with them is <see cref="BrowserDashboardTests"/>).
/// </summary>
public sealed class DashboardServerTests : IDisposable
{
    private readonly TempFolder _temp = new("sweepgrid-dashboard");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    private const string Spec = """
        name: dashboard-api
        dataset: {name: fashion-mnist}
        training: {epochs: 3}
        method: grid
        metric: {name: val_accuracy, goal: maximize}
        parameters:
          optimizer: {values: [sgd, adam, rmsprop]}
          learning_rate: {values: [0.1, 0.001]}
        """;

    [Fact]
    public async Task A_port_out_of_range_a_taken_port_a_remote_bind_and_two_sources_are_refused_with_exit_2()
    {
        var outOfRange = await SweepGridProcess.RunAsync(["dashboard", "--port", "70000"]);
        Assert.Equal(2, outOfRange.ExitCode);
        Assert.Contains("--port 70000 is out of range: give a port from 1 to 65535", outOfRange.Stderr);

        var remote = await SweepGridProcess.RunAsync(["dashboard", "--bind", "0.0.0.0", "--port", "0"]);
        Assert.Equal(2, remote.ExitCode);
        Assert.Contains("--allow-remote", remote.Stderr);

        var notAnAddress = await SweepGridProcess.RunAsync(["dashboard", "--bind", "my laptop"]);
        Assert.Equal(2, notAnAddress.ExitCode);
        Assert.Contains("--bind 'my laptop' is not an IP address", notAnAddress.Stderr);

        var both = await SweepGridProcess.RunAsync(["dashboard", "--cluster", "localhost:1", "--results", _temp.Combine("results")]);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("give --cluster or --results, not both", both.Stderr);

        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var inUse = await SweepGridProcess.RunAsync(["dashboard", "--port", port, "--results", _temp.Combine("results")]);
        Assert.Equal(2, inUse.ExitCode);
        Assert.Contains($"--port {port} on 127.0.0.1 is in use", inUse.Stderr);
        Assert.DoesNotContain("   at ", inUse.Stderr);

        // `run --dashboard` checks its options before it stores anything, and gives up on a taken port before run.json says it runs.
        var spec = await WriteSpecAsync();
        var results = _temp.Combine("run-results");
        var badRun = await SweepGridProcess.RunAsync(["run", spec, "--results", results, "--dashboard", "--port", "-1"]);
        Assert.Equal(2, badRun.ExitCode);
        Assert.Contains("--port -1 is out of range", badRun.Stderr);
        Assert.False(Directory.Exists(results));
        var takenRun = await SweepGridProcess.RunAsync(["run", spec, "--results", results, "--dashboard", "--port", port],
            DashboardProcess.FakeTrainer(TimeSpan.FromMilliseconds(10)));
        Assert.Equal(2, takenRun.ExitCode);
        Assert.Contains("is in use", takenRun.Stderr);
        Assert.Empty(Directory.GetFiles(results, "run.json", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Over_a_results_folder_it_serves_the_sweeps_trials_importance_and_404s_for_what_it_does_not_know()
    {
        var results = _temp.Combine("results");
        var run = await SweepGridProcess.RunAsync(["run", await WriteSpecAsync(), "--results", results, "--json"],
            DashboardProcess.FakeTrainer(TimeSpan.FromMilliseconds(20)));
        Assert.True(run.ExitCode == 0, run.Stderr);
        var sweepId = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("sweep").GetProperty("sweep_id").GetString()!;
        var best = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(results, sweepId, "best.json"))).RootElement;

        var (process, origin) = await DashboardProcess.StartAsync(["dashboard", "--results", results, "--port", "0"]);
        await using (process)
        {
            var sweeps = (await GetJsonAsync(origin, "/api/sweeps")).GetProperty("sweeps");
            var listed = Assert.Single(sweeps.EnumerateArray());
            Assert.Equal(sweepId, listed.GetProperty("sweep_id").GetString());
            Assert.Equal("completed", listed.GetProperty("state").GetString());
            Assert.Equal(6, listed.GetProperty("finished").GetInt32());
            Assert.Equal(best.GetProperty("value").GetDouble(), listed.GetProperty("best").GetDouble());

            var detail = await GetJsonAsync(origin, $"/api/sweeps/{sweepId}");
            Assert.Equal(["optimizer", "learning_rate"], detail.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
            Assert.True(detail.GetProperty("parameters")[1].GetProperty("log").GetBoolean(), "a grid of 0.1 and 0.001 is drawn on a log axis");
            var trials = detail.GetProperty("trials").EnumerateArray().ToList();
            Assert.Equal(6, trials.Count);
            Assert.All(trials, t => Assert.Equal("completed", t.GetProperty("status").GetString()));
            Assert.All(trials, t => Assert.Equal([1.0, 2.0, 3.0], t.GetProperty("history").EnumerateArray().Select(e => e[0].GetDouble())));
            Assert.Equal(best.GetProperty("trial_id").GetString(), detail.GetProperty("best_trial_id").GetString());
            Assert.Contains(trials, t => t.GetProperty("label").GetString() == "adam lr=0.001");

            var trialId = trials[0].GetProperty("trial_id").GetString();
            var trial = await GetJsonAsync(origin, $"/api/sweeps/{sweepId}/trials/{trialId}");
            Assert.Equal(trialId, trial.GetProperty("trial_id").GetString());
            Assert.True(trial.GetProperty("metrics").GetProperty("val_accuracy").GetDouble() > 0);

            var importance = await GetJsonAsync(origin, $"/api/sweeps/{sweepId}/importance");
            Assert.Equal("ped-anova", importance.GetProperty("method").GetString());
            Assert.Equal(6, importance.GetProperty("trials").GetInt32());
            Assert.Equal(["learning_rate", "optimizer"], importance.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());

            var page = await _http.GetAsync(new Uri(origin, $"/sweeps/{sweepId}"));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

            var unknownPage = await _http.GetAsync(new Uri(origin, "/sweeps/no-such-sweep"));
            Assert.Equal(HttpStatusCode.NotFound, unknownPage.StatusCode);
            var text = await unknownPage.Content.ReadAsStringAsync();
            Assert.Contains("There is no sweep &#39;no-such-sweep&#39;", text);
            Assert.Contains("href=\"/\"", text);
            Assert.DoesNotContain("Exception", text);
            Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri(origin, "/sweeps/..%2F..%2Fetc"))).StatusCode);

            var unknownApi = await _http.GetAsync(new Uri(origin, "/api/sweeps/no-such-sweep"));
            Assert.Equal(HttpStatusCode.NotFound, unknownApi.StatusCode);
            Assert.Contains("there is no sweep 'no-such-sweep'", JsonDocument.Parse(await unknownApi.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri(origin, $"/api/sweeps/{sweepId}/trials/nope"))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri(origin, "/api/nothing-here"))).StatusCode);

            // A finished sweep's stream: everything once, then its end; a page that has seen it all is told only that it ended.
            using var limit = new CancellationTokenSource(DashboardProcess.Patience);
            var fresh = await ServerSentEvents.OpenAsync(_http, new Uri(origin, $"/api/sweeps/{sweepId}/events").ToString(), null, limit.Token);
            var reset = await fresh.NextAsync(limit.Token);
            Assert.Equal("reset", reset?.Event);
            Assert.Equal(6, JsonDocument.Parse(reset!.Data).RootElement.GetProperty("trials").GetArrayLength());
            Assert.Equal("end", (await fresh.NextAsync(limit.Token))?.Event);
            var seen = await ServerSentEvents.OpenAsync(_http, new Uri(origin, $"/api/sweeps/{sweepId}/events").ToString(), reset.Id, limit.Token);
            Assert.Equal("end", (await seen.NextAsync(limit.Token))?.Event);
        }
    }

    [Fact]
    public async Task Live_updates_resumed_after_a_dropped_connection_send_only_what_changed_and_add_up_to_the_sweeps_trials()
    {
        var results = _temp.Combine("results");
        // One slot, 6 trials of 3 epochs of 0.4 s: about 8 s of updates.
        var (process, origin) = await DashboardProcess.StartAsync(
            ["run", await WriteSpecAsync(), "--results", results, "--slots", "cpu x1", "--bundle", "1", "--dashboard", "--port", "0"],
            DashboardProcess.FakeTrainer(TimeSpan.FromMilliseconds(400)));
        await using (process)
        {
            var sweepId = (await process.WaitForLineAsync(l => l.StartsWith("sweep dashboard-api (", StringComparison.Ordinal), DashboardProcess.Patience))
                .Split('(', ')')[1];
            var url = new Uri(origin, $"/api/sweeps/{sweepId}/events").ToString();
            var state = new Dictionary<string, (string Status, SortedDictionary<int, double> Accuracy)>();
            var partial = 0;
            using var limit = new CancellationTokenSource(DashboardProcess.Patience);
            string? cursor = null;
            var ended = false;
            for (var connection = 0; !ended; connection++)
            {
                var events = await ServerSentEvents.OpenAsync(_http, url, cursor, limit.Token);
                // The first connection is dropped after two updates: the next resumes from the last id seen.
                for (var received = 0; connection > 0 || received < 3; received++)
                {
                    var message = await events.NextAsync(limit.Token) ?? throw new InvalidOperationException("the stream ended before the sweep did");
                    cursor = message.Id;
                    var data = JsonDocument.Parse(message.Data).RootElement;
                    if (message.Event == "reset")
                    {
                        Assert.Null(connection > 0 ? "a resumed stream sent everything again" : null);
                        state.Clear();
                    }

                    if (message.Event == "end")
                    {
                        ended = true;
                        break;
                    }

                    var trials = data.GetProperty("trials").EnumerateArray().ToList();
                    if (message.Event == "update" && trials.Count < 6)
                    {
                        partial++;
                    }

                    foreach (var trial in trials)
                    {
                        var id = trial.GetProperty("trial_id").GetString()!;
                        var accuracy = state.TryGetValue(id, out var known) ? known.Accuracy : [];
                        var epochs = trial.TryGetProperty("history", out var history) ? history : trial.GetProperty("new_epochs");
                        foreach (var epoch in epochs.EnumerateArray())
                        {
                            accuracy[epoch[0].GetInt32()] = epoch[3].GetDouble();
                        }

                        state[id] = (trial.GetProperty("status").GetString()!, accuracy);
                    }
                }
            }

            Assert.True(await process.WaitForExitAsync(DashboardProcess.Patience) == 0, process.Output);
            Assert.True(partial > 0, "no update carried only the trials that changed");
            // What the page put together from the stream is what the sweep recorded, epoch by epoch.
            var recorded = (await File.ReadAllLinesAsync(Path.Combine(results, sweepId, "trials.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(recorded.Select(r => r.GetProperty("trial_id").GetString()).Order(), state.Keys.Order());
            foreach (var trial in recorded)
            {
                var (status, accuracy) = state[trial.GetProperty("trial_id").GetString()!];
                Assert.Equal(trial.GetProperty("status").GetString(), status);
                Assert.Equal(trial.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("validation_accuracy").GetDouble()), accuracy.Values);
            }
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task Over_a_cluster_it_serves_a_launched_sweep_live_to_its_end_and_the_clusters_nodes()
    {
        // A standalone silo of one slot, 6 trials of 3 epochs of 0.2 s: the sweep is still running when the dashboard opens it.
        var (environment, cluster) = SiloProcess.OneSlotFake(_temp);
        environment["SWEEPGRID_FakeExecutor__EpochDuration"] = "00:00:00.200";
        await using var silo = await SiloProcess.StartReadyAsync(environment, DashboardProcess.Patience);
        var launch = await SweepGridProcess.RunAsync(["launch", await WriteSpecAsync(), "--cluster", cluster, "--json"], timeout: DashboardProcess.Patience);
        Assert.True(launch.ExitCode == 0, launch.Stderr);
        var sweepId = JsonDocument.Parse(launch.Stdout).RootElement.GetProperty("sweep_id").GetString()!;

        var (process, origin) = await DashboardProcess.StartAsync(["dashboard", "--cluster", cluster, "--port", "0"]);
        await using (process)
        {
            var listed = Assert.Single((await GetJsonAsync(origin, "/api/sweeps")).GetProperty("sweeps").EnumerateArray());
            Assert.Equal(sweepId, listed.GetProperty("sweep_id").GetString());
            var node = Assert.Single((await GetJsonAsync(origin, "/api/nodes")).GetProperty("nodes").EnumerateArray());
            var device = Assert.Single(node.GetProperty("devices").EnumerateArray());
            Assert.Equal(("cpu", 1), (device.GetProperty("device").GetString(), device.GetProperty("slots").GetInt32()));

            // The live stream from the first full state to the end: every trial completes, with all its epochs.
            using var limit = new CancellationTokenSource(DashboardProcess.Patience);
            var events = await ServerSentEvents.OpenAsync(_http, new Uri(origin, $"/api/sweeps/{sweepId}/events").ToString(), null, limit.Token);
            var kinds = new List<string>();
            while (await events.NextAsync(limit.Token) is { } message)
            {
                kinds.Add(message.Event);
                if (message.Event == "end")
                {
                    break;
                }
            }

            Assert.Equal("reset", kinds[0]);
            Assert.Equal("end", kinds[^1]);
            var detail = await GetJsonAsync(origin, $"/api/sweeps/{sweepId}");
            var trials = detail.GetProperty("trials").EnumerateArray().ToList();
            Assert.Equal(6, trials.Count);
            Assert.All(trials, t => Assert.Equal("completed", t.GetProperty("status").GetString()));
            Assert.All(trials, t => Assert.Equal([1.0, 2.0, 3.0], t.GetProperty("history").EnumerateArray().Select(e => e[0].GetDouble())));
            var page = await _http.GetAsync(new Uri(origin, $"/sweeps/{sweepId}"));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }

    private async Task<string> WriteSpecAsync()
    {
        var path = _temp.Combine("spec.yaml");
        await File.WriteAllTextAsync(path, Spec);
        return path;
    }

    private async Task<JsonElement> GetJsonAsync(Uri origin, string path)
    {
        var response = await _http.GetAsync(new Uri(origin, path));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
