using System.Diagnostics;

namespace SweepGrid.Cli.Tests;

/// <summary>A program started in the background (a silo, a watch), its output collected line by line; killed on dispose.</summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunningProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts one of the built programs (sweepgrid.dll, sweepgrid-silo.dll) with the given arguments and environment.</summary>
    public static RunningProcess Start(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new RunningProcess(Process.Start(start)!);
    }

    public int Id => _process.Id;

    public bool IsRunning => !_process.HasExited;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>How many lines the process has written so far (a starting point for <see cref="WaitForLineAsync"/>'s skip).</summary>
    public int LineCount
    {
        get
        {
            lock (_gate)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>Waits until a line (after the first <paramref name="skip"/>) satisfies the predicate; fails with the output so far when it does not come in time.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout, int skip = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_lines.Skip(skip).FirstOrDefault(predicate) is { } line)
                {
                    return line;
                }

                changed = _changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || _process.HasExited && !await Completes(changed, TimeSpan.FromMilliseconds(200)))
            {
                throw new TimeoutException($"no such line within {timeout.TotalSeconds} s (exited: {_process.HasExited}); output:\n{Output}");
            }

            await Completes(changed, left);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the process did not exit within {timeout.TotalSeconds} s; output:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process gets no chance to clean up, as when a machine dies.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, as a service manager stops a service; waits for the exit and answers the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(timeout);
    }

    public ValueTask DisposeAsync()
    {
        KillHard();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Add(line);
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private static async Task<bool> Completes(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
