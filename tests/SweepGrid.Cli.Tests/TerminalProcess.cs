using System.Diagnostics;

namespace SweepGrid.Cli.Tests;

/// <summary>Runs the built sweepgrid program on a pseudo-terminal of a fixed size (util-linux `script`), as a user at a terminal would.</summary>
public static class TerminalProcess
{
    public static async Task<SweepGridProcess.Outcome> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment,
        int columns = 120, int rows = 40, TimeSpan? timeout = null)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "sweepgrid.dll");
        var command = $"stty cols {columns} rows {rows}; exec dotnet {Quote(program)} {string.Join(' ', arguments.Select(Quote))}";
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--quiet", "--return", "--command", command, "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TERM"] = "xterm-256color";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return await SweepGridProcess.RunToEndAsync(start, $"sweepgrid {string.Join(' ', arguments)} on a terminal", timeout);
    }

    private static string Quote(string argument) => $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
