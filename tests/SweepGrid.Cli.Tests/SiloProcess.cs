using SweepGrid.TestData;

namespace SweepGrid.Cli.Tests;

/// <summary>Standalone `sweepgrid-silo` processes for the tests: their settings, their start, and when they are ready.</summary>
public static class SiloProcess
{
    /// <summary>The environment of a one-machine silo (SQLite under <paramref name="temp"/>) with one slot of the fake
    /// trainer, on free loopback ports, and the --cluster value that reaches its gateway.</summary>
    public static (Dictionary<string, string> Environment, string Cluster) OneSlotFake(TempFolder temp)
    {
        var (siloPort, gateway) = LoopbackPorts.TwoFree();
        var environment = new Dictionary<string, string>
        {
            ["SWEEPGRID_Cluster__SiloPort"] = siloPort.ToString(),
            ["SWEEPGRID_Cluster__GatewayPort"] = gateway.ToString(),
            ["SWEEPGRID_Storage__SqlitePath"] = temp.Combine("cluster.db"),
            ["SWEEPGRID_Workers__Slots"] = "cpu x1",
            ["SWEEPGRID_Workers__Executor"] = "fake",
            ["SWEEPGRID_Workers__CheckpointRoot"] = temp.Combine("checkpoints"),
            ["SWEEPGRID_Logging__Folder"] = temp.Combine("logs"),
        };
        return (environment, $"localhost:{gateway}");
    }

    public static RunningProcess Start(IReadOnlyDictionary<string, string> environment) => RunningProcess.Start("sweepgrid-silo.dll", [], environment);

    /// <summary>Waits until the silo has joined its cluster and its slots pull work.</summary>
    public static Task WaitReadyAsync(RunningProcess silo, TimeSpan timeout) =>
        silo.WaitForLineAsync(l => l.Contains(" trains on ", StringComparison.Ordinal), timeout);

    public static async Task<RunningProcess> StartReadyAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var silo = Start(environment);
        await WaitReadyAsync(silo, timeout);
        return silo;
    }
}
