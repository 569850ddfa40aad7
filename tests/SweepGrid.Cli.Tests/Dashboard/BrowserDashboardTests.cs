using OpenQA.Selenium;
using SweepGrid.TestData;

namespace SweepGrid.Cli.Tests.Dashboard;

/// <summary>
/// The dashboard as a user sees it, in a real headless Chromium: a sweep started with `run --dashboard` fills its table and
/// changes it live, its charts hold its data, a trial's row opens its curves, and the open page carries on by itself after
/// the process serving it is killed and the same command is run again. Screenshots go to <see cref="HeadlessChromium.ArtifactsFolder"/>.
/// </summary>
public sealed class BrowserDashboardTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly TempFolder _temp = new("sweepgrid-browser");

    // 6 trials of 4 fake epochs of 1.5 s on one slot: about 36 s, long enough to watch it change and to kill it midway.
    private const string Spec = """
        name: dashboard-browser
        dataset: {name: fashion-mnist}
        training: {epochs: 4}
        method: grid
        metric: {name: val_accuracy, goal: maximize}
        parameters:
          optimizer: {values: [sgd, adam, rmsprop]}
          learning_rate: {values: [0.1, 0.001]}
        """;

    [Fact]
    public async Task A_run_with_dashboard_fills_its_table_live_draws_its_charts_opens_a_trials_curves_and_survives_the_server_restarting()
    {
        var spec = _temp.Combine("spec.yaml");
        await File.WriteAllTextAsync(spec, Spec);
        var port = LoopbackPorts.OneFree();
        string[] arguments = ["run", spec, "--results", _temp.Combine("results"), "--slots", "cpu x1", "--bundle", "1", "--dashboard", "--port", $"{port}"];
        var environment = DashboardProcess.FakeTrainer(TimeSpan.FromSeconds(1.5));
        var (first, origin) = await DashboardProcess.StartAsync(arguments, environment);
        await using var firstRun = first;
        var sweepId = (await first.WaitForLineAsync(l => l.StartsWith("sweep dashboard-browser (", StringComparison.Ordinal), Patience)).Split('(', ')')[1];
        using var chromium = HeadlessChromium.Start();
        var page = chromium.Driver;

        // An unknown sweep is a page saying so, not an error.
        page.Navigate().GoToUrl(new Uri(origin, "/sweeps/no-such-sweep"));
        Assert.Contains("no-such-sweep", page.FindElement(By.Id("not-found")).Text);

        page.Navigate().GoToUrl(new Uri(origin, $"/sweeps/{sweepId}"));
        await chromium.WaitAsync("six trial rows", p => p.FindElements(By.CssSelector("#trial-table tbody tr[data-trial-id]")).Count == 6, Patience);
        chromium.Script("window.sameDocument = true;");
        var before = Statuses(page);
        var sequence = Sequence(page);
        // Live: rows change and the page applies newer events, without a reload.
        await chromium.WaitAsync("a trial's row changing", p => Statuses(p) != before && Sequence(p) > sequence, Patience);
        Assert.True(Completed(page) < 6, "the sweep finished before the test could watch it change: make its epochs longer");
        chromium.Screenshot("dashboard-live");

        // The sweeps and nodes pages of the same server, in another tab.
        var sweepTab = page.CurrentWindowHandle;
        page.SwitchTo().NewWindow(WindowType.Tab);
        page.Navigate().GoToUrl(origin);
        await chromium.WaitAsync("the sweep in the sweeps list", p => p.FindElements(By.CssSelector($"table#sweeps tbody tr[data-sweep-id='{sweepId}']")).Count == 1, Patience);
        page.Navigate().GoToUrl(new Uri(origin, "/nodes"));
        var node = await chromium.WaitAsync("this run's silo with its cpu slot", p => p.FindElements(By.CssSelector("table#nodes tbody tr[data-silo]")).FirstOrDefault(r => r.Text.Contains("cpu", StringComparison.Ordinal)), Patience);
        Assert.Contains("1", node.Text);
        page.Close();
        page.SwitchTo().Window(sweepTab);

        // The process serving the page dies; the page says so and, once the same command runs again, carries on by itself.
        first.KillHard();
        await chromium.WaitAsync("the connection lost", p => p.FindElement(By.Id("connection")).GetAttribute("data-state") == "reconnecting", Patience);
        var (second, _) = await DashboardProcess.StartAsync(arguments, environment);
        await using var secondRun = second;
        await chromium.WaitAsync("every trial completed", p => Completed(p) == 6, Patience * 2);
        await chromium.WaitAsync("the sweep finished", p => p.FindElement(By.Id("connection")).GetAttribute("data-state") == "finished", Patience);
        Assert.Equal(true, chromium.Script("return window.sameDocument === true;"));
        Assert.Contains("6/6", page.FindElement(By.Id("sweep-summary")).Text);

        // The charts hold the sweep: a curve per trial, a line per finished trial on parallel coordinates with learning_rate
        // on a log axis, a bar per configuration, an importance per parameter, the best trial's report and confusion matrix.
        await chromium.WaitAsync("six learning curves", p => Attribute(p, "#curves", "data-lines") == "6", Patience);
        await chromium.WaitAsync("six lines on parallel coordinates", p => Attribute(p, "#parcoords", "data-lines") == "6", Patience);
        Assert.Equal("learning_rate", Attribute(page, "#parcoords", "data-log-axes"));
        await chromium.WaitAsync("six configurations", p => Attribute(p, "#accuracy-by-config", "data-points") == "6", Patience);
        await chromium.WaitAsync("two importances", p => Attribute(p, "#importance", "data-points") == "2", Patience);
        await chromium.WaitAsync("a confusion matrix", p => int.Parse(Attribute(p, "#confusion", "data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 0, Patience);
        Assert.NotEmpty(page.FindElement(By.Id("best-config")).Text);

        // A trial's row opens its own curves.
        var row = page.FindElements(By.CssSelector("#trial-table tbody tr[data-trial-id]"))[2];
        var trialId = row.GetAttribute("data-trial-id");
        row.Click();
        await chromium.WaitAsync("the trial's curves", p => p.FindElements(By.CssSelector($"#trial-curves[data-trial-id='{trialId}'][data-points='4']")).Count == 1, Patience);
        Assert.True(page.FindElement(By.Id("trial-detail")).Displayed);
        chromium.Screenshot("dashboard-finished");
        Assert.Equal(0, await second.WaitForExitAsync(Patience));
    }

    public void Dispose() => _temp.Dispose();

    private static string Statuses(IWebDriver page) =>
        string.Join(",", page.FindElements(By.CssSelector("#trial-table tbody tr[data-trial-id]")).Select(r => $"{r.GetAttribute("data-trial-id")}={r.GetAttribute("data-status")}").Order());

    private static int Completed(IWebDriver page) => page.FindElements(By.CssSelector("#trial-table tbody tr[data-status='completed']")).Count;

    private static long Sequence(IWebDriver page) =>
        long.TryParse(page.FindElement(By.TagName("body")).GetAttribute("data-sequence"), out var sequence) ? sequence : 0;

    private static string? Attribute(IWebDriver page, string selector, string name) => page.FindElement(By.CssSelector(selector)).GetAttribute(name);
}
