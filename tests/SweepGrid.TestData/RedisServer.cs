using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SweepGrid.TestData;

/// <summary>A real redis-server (Debian's package) on a random loopback port with its own data folder, optionally
/// requiring a password; killed on dispose.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly TempFolder _data;
    private readonly bool _durable;
    private Process _process;

    private RedisServer(Process process, int port, TempFolder data, bool durable, string? password)
    {
        _process = process;
        Port = port;
        _data = data;
        _durable = durable;
        Password = password;
    }

    public int Port { get; }

    /// <summary>The password the server requires (--requirepass), or null for none.</summary>
    public string? Password { get; }

    /// <summary>As Redis:ConnectionString takes it (StackExchange.Redis syntax), with the password if there is one.</summary>
    public string ConnectionString => Password is null ? $"127.0.0.1:{Port}" : $"127.0.0.1:{Port},password={Password}";

    /// <summary>Starts a server. A durable one keeps an append-only file, synced on every write, in its data folder, so a
    /// restart (after a kill -9 too) finds everything it had acknowledged, as a production Redis would.</summary>
    public static async Task<RedisServer> StartAsync(bool durable = false, string? password = null)
    {
        var data = new TempFolder("sweepgrid-redis");
        var port = FreePort();
        try
        {
            return new RedisServer(await Launch(port, data.Path, durable, password), port, data, durable, password);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: Redis gets no chance to save anything, as when its machine dies.</summary>
    public async Task KillHardAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: Redis shuts down as a service manager would stop it.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Starts the server again on the same port and data folder (after a stop or a kill).</summary>
    public async Task RestartAsync()
    {
        if (!_process.HasExited)
        {
            throw new InvalidOperationException("redis-server is still running: stop or kill it first");
        }

        _process.Dispose();
        _process = await Launch(Port, _data.Path, _durable, Password);
    }

    private static async Task<Process> Launch(int port, string folder, bool durable, string? password)
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run scripts/provision.sh with SWEEPGRID_PROVISION_REDIS=1 (apt-get install redis-server)");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        string[] persistence = durable ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"];
        string[] authentication = password is null ? [] : ["--requirepass", password];
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", folder, "--save", "", "--daemonize", "no" }.Concat(persistence).Concat(authentication))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await PingAsync(port, password))
        {
            if (process.HasExited || limit.IsCancellationRequested)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
                throw new InvalidOperationException($"redis-server did not start on port {port}");
            }

            await Task.Delay(50, CancellationToken.None);
        }

        return process;
    }

    public Task<bool> PingAsync() => PingAsync(Port, Password);

    private static async Task<bool> PingAsync(int port, string? password)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            if (password is not null)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH {password}\r\n"));
                var ok = new byte[16];
                if (!Encoding.ASCII.GetString(ok, 0, await stream.ReadAsync(ok)).StartsWith("+OK", StringComparison.Ordinal))
                {
                    return false;
                }
            }

            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _data.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
