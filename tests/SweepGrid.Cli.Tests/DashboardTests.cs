using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using SweepGrid.TestData;

namespace SweepGrid.Cli.Tests;

/// <summary>A standalone silo serves the Orleans dashboard when Dashboard:Enabled is set, and listens on nothing more when it is not.</summary>
public sealed class DashboardTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly TempFolder _temp = new("sweepgrid-dashboard");

    private (Dictionary<string, string> Environment, int Port) Silo()
    {
        var (environment, _) = SiloProcess.OneSlotFake(_temp);
        var port = LoopbackPorts.OneFree(
            int.Parse(environment["SWEEPGRID_Cluster__SiloPort"], CultureInfo.InvariantCulture),
            int.Parse(environment["SWEEPGRID_Cluster__GatewayPort"], CultureInfo.InvariantCulture));
        environment["SWEEPGRID_Dashboard__Port"] = port.ToString(CultureInfo.InvariantCulture);
        return (environment, port);
    }

    [Fact]
    public async Task With_Dashboard_Enabled_the_silo_serves_the_dashboard_page_and_its_counters_show_the_silo_and_its_grains()
    {
        var (environment, port) = Silo();
        environment["SWEEPGRID_Dashboard__Enabled"] = "true";
        await using var silo = SiloProcess.Start(environment);
        var ready = await silo.WaitForLineAsync(l => l.Contains(" trains on ", StringComparison.Ordinal), Patience);
        var siloName = ready.Split("Silo ", 2)[1].Split(' ')[0];
        await silo.WaitForLineAsync(l => l.Contains($"Orleans dashboard on http://127.0.0.1:{port}/", StringComparison.Ordinal), Patience);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };

        var page = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.True(page.IsSuccessStatusCode, page.StatusCode.ToString());
        Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync());

        // The counters are collected once a second: wait for the silo's workers' dispatcher grain to be among them.
        var deadline = DateTime.UtcNow + Patience;
        JsonElement counters;
        while (true)
        {
            counters = JsonDocument.Parse(await http.GetStringAsync(new Uri("/DashboardCounters", UriKind.Relative))).RootElement;
            var grains = counters.GetProperty("simpleGrainStats").EnumerateArray().Select(g => g.GetProperty("grainType").GetString()).ToList();
            if (grains.Contains("SweepGrid.Grains.Dispatch.DispatcherGrain"))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no DispatcherGrain among the dashboard's grains: {string.Join(", ", grains)}");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        var host = Assert.Single(counters.GetProperty("hosts").EnumerateArray());
        Assert.Equal(siloName, host.GetProperty("siloName").GetString());
        Assert.Equal("Active", host.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Without_Dashboard_Enabled_nothing_listens_on_the_dashboard_port()
    {
        var (environment, port) = Silo();
        await using var silo = await SiloProcess.StartReadyAsync(environment, Patience);

        using var client = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.DoesNotContain("Orleans dashboard on", silo.Output);
    }

    [Fact]
    public async Task A_dashboard_address_that_is_no_IP_address_stops_the_silo_with_exit_code_2_naming_the_key()
    {
        var (environment, _) = Silo();
        environment["SWEEPGRID_Dashboard__Enabled"] = "true";
        environment["SWEEPGRID_Dashboard__Bind"] = "dashboard.local";
        await using var silo = SiloProcess.Start(environment);

        Assert.Equal(2, await silo.WaitForExitAsync(Patience));
        Assert.Contains("error: Dashboard:Bind 'dashboard.local' is not an IP address", silo.Output);
    }

    public void Dispose() => _temp.Dispose();
}
