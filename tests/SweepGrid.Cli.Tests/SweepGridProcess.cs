using System.Diagnostics;

namespace SweepGrid.Cli.Tests;

/// <summary>Runs the built sweepgrid program as a separate process, as a user would.</summary>
public static class SweepGridProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static async Task<Outcome> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "sweepgrid.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return await RunToEndAsync(start, $"sweepgrid {string.Join(' ', arguments)}", timeout);
    }

    /// <summary>Starts <paramref name="start"/> and collects its output until it exits, killing it after <paramref name="timeout"/> (3 minutes).</summary>
    internal static async Task<Outcome> RunToEndAsync(ProcessStartInfo start, string what, TimeSpan? timeout)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not finish in time");
        }

        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}
