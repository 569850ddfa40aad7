using System.Diagnostics;
using System.Text.Json;
using SweepGrid.TestData;
using Xunit.Abstractions;

namespace SweepGrid.Cli.Tests;

/// <summary>
/// A results folder on a small filesystem of its own (a real tmpfs) that fills while `sweepgrid run` trains: the run
/// must stop with exit code 1 and a message naming the lack of space and the file, leave no temporary files behind, and
/// finish the sweep when run again once there is space, with no trial charged for the full disk.
/// </summary>
public sealed class FullDiskTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempFolder _temp = new("sweepgrid-full");
    private bool _mounted;

    private string Results => _temp.Combine("results");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Results);
        var mount = await Shell("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", Results);
        Assert.True(mount.ExitCode == 0,
            $"mounting a 48 MB tmpfs at {Results} failed ({mount.Stderr.Trim()}): this test fills a real filesystem and needs root (CI runs as root)");
        _mounted = true;
    }

    [Fact]
    public async Task A_disk_that_fills_mid_sweep_stops_the_run_with_exit_1_naming_the_space_and_a_later_run_finishes_it()
    {
        var data = SyntheticImages.WriteIdxFolder(_temp.Combine("digits"), trainCount: 2000, testCount: 100);
        var spec = _temp.Combine("digits.yaml");
        // Trials of many epochs, so the disk fills while they are training and checkpointing, however fast the machine.
        await File.WriteAllTextAsync(spec, SweepFixture.Spec(data).Replace("epochs: 2", "epochs: 20").Replace("hidden: [32, 16]", "hidden: [256, 128]"));
        var arguments = new[] { "run", spec, "--results", Results, "--slots", "cpu x2" };

        await using var run = RunningProcess.Start("sweepgrid.dll", arguments);
        // A trial is training: its start is printed, or the first snapshot (when it started before the view subscribed) says so.
        await run.WaitForLineAsync(l => l.StartsWith("started ", StringComparison.Ordinal) || l.EndsWith(" running", StringComparison.Ordinal) && !l.EndsWith(" 0 running", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        var filler = Fill(Path.Combine(Results, "filler.bin"));
        var filled = Stopwatch.StartNew();
        output.WriteLine($"filled the results filesystem with {filler / 1024} KiB");

        var exit = await run.WaitForExitAsync(TimeSpan.FromMinutes(2));
        output.WriteLine($"sweepgrid run exited with {exit} {filled.Elapsed.TotalSeconds:0.0} s after the disk filled");
        output.WriteLine(run.Output);
        Assert.True(exit == 1, $"exit code {exit}, not 1:\n{run.Output}");
        Assert.Contains("error: out of disk space: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("No space left on device", run.Output, StringComparison.Ordinal);
        Assert.Contains(Results, run.Output.Split('\n').Single(l => l.StartsWith("error: out of disk space", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("run the same command again to resume", run.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Results, "*.tmp", SearchOption.AllDirectories));

        // Space is back: the same command finishes the sweep, every trial once, none charged for the full disk.
        File.Delete(Path.Combine(Results, "filler.bin"));
        var again = await SweepGridProcess.RunAsync([.. arguments, "--json"], timeout: TimeSpan.FromMinutes(4));
        Assert.True(again.ExitCode == 0, again.Stderr);
        var sweepId = JsonDocument.Parse(again.Stdout).RootElement.GetProperty("sweep").GetProperty("sweep_id").GetString()!;
        var trials = File.ReadAllLines(Path.Combine(Results, sweepId, "trials.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, trials.Count);
        Assert.Equal(4, trials.Select(t => t.GetProperty("trial_id").GetString()).Distinct().Count());
        Assert.All(trials, t => Assert.Equal("completed", t.GetProperty("status").GetString()));
        Assert.All(trials, t => Assert.Equal(0, t.GetProperty("failures").GetInt32()));
        Assert.All(trials, t => Assert.Equal(Enumerable.Range(1, 20), t.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32())));
        Assert.Empty(Directory.EnumerateFiles(Results, "*.tmp", SearchOption.AllDirectories));
    }

    // Writes zeros until the filesystem refuses; returns how many bytes it took.
    private static long Fill(string path)
    {
        var chunk = new byte[1 << 20];
        long written = 0;
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true)
            {
                stream.Write(chunk);
                written += chunk.Length;
            }
        }
        catch (IOException)
        {
        }

        for (var size = chunk.Length / 2; size >= 512; size /= 2)
        {
            try
            {
                stream.Write(chunk, 0, size);
                written += size;
            }
            catch (IOException)
            {
            }
        }

        return written;
    }

    private static async Task<(int ExitCode, string Stderr)> Shell(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, stderr);
    }

    public async Task DisposeAsync()
    {
        if (_mounted)
        {
            await Shell("umount", "-l", Results);
        }

        _temp.Dispose();
    }
}
