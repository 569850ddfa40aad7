using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace SweepGrid.Cli.Tests.Dashboard;

/// <summary>
/// Debian's chromium, headless, driven through Debian's chromedriver (scripts/provision.sh installs both for the tests), with
/// waits that poll the page until a condition holds and screenshots kept as test artifacts.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private readonly ChromeDriver _driver;

    private HeadlessChromium(ChromeDriver driver) => _driver = driver;

    public IWebDriver Driver => _driver;

    /// <summary>Where screenshots go: $SWEEPGRID_TEST_ARTIFACTS, else artifacts/ beside the test assembly.</summary>
    public static string ArtifactsFolder =>
        Environment.GetEnvironmentVariable("SWEEPGRID_TEST_ARTIFACTS") is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "artifacts");

    public static HeadlessChromium Start(int width = 1400, int height = 1500)
    {
        var browser = Find("chromium", "/usr/bin/chromium");
        var driver = Find("chromedriver", "/usr/bin/chromedriver");
        var options = new ChromeOptions { BinaryLocation = browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", $"--window-size={width},{height}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new HeadlessChromium(new ChromeDriver(service, options, TimeSpan.FromSeconds(120)));
    }

    public object? Script(string javaScript, params object[] arguments) => _driver.ExecuteScript(javaScript, arguments);

    /// <summary>Polls <paramref name="probe"/> until it answers non-null (or true); on time-out fails naming what was awaited, with a screenshot.</summary>
    public async Task<T> WaitAsync<T>(string what, Func<IWebDriver, T?> probe, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (true)
        {
            try
            {
                var value = probe(_driver);
                if (value is not null && value is not false)
                {
                    return value;
                }
            }
            catch (WebDriverException e)
            {
                // An element replaced while it was read (a row re-rendered): read it again.
                last = e;
            }

            if (DateTime.UtcNow > deadline)
            {
                var shot = Screenshot($"timeout-{Sanitize(what)}");
                throw new TimeoutException($"the page did not show {what} within {timeout.TotalSeconds} s (screenshot: {shot}){(last is null ? "" : $"; last error: {last.Message}")}");
            }

            await Task.Delay(Poll);
        }
    }

    /// <summary>Saves a PNG of the page under <see cref="ArtifactsFolder"/> and answers its path.</summary>
    public string Screenshot(string name)
    {
        Directory.CreateDirectory(ArtifactsFolder);
        var path = Path.Combine(ArtifactsFolder, $"{name}.png");
        _driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
    }

    private static string Find(string program, string fallback)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(folder, program);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return File.Exists(fallback) ? fallback
            : throw new InvalidOperationException($"{program} is not installed: run SWEEPGRID_PROVISION_CHROMIUM=1 bash scripts/provision.sh (Debian's chromium and chromium-driver)");
    }

    private static string Sanitize(string text) => new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').Take(60)]);
}
