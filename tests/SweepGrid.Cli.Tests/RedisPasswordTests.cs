using System.Text.Json;
using SweepGrid.TestData;

namespace SweepGrid.Cli.Tests;

/// <summary>A cluster on a Redis that requires a password: silos connect with Redis:ConnectionString's password=…, the CLI
/// with --cluster redis://:PASSWORD@HOST:PORT, and neither prints the password.</summary>
public sealed class RedisPasswordTests : IAsyncLifetime
{
    private const string Password = "redis-pw-5d1c9e";
    private const string WrongPassword = "not-the-password-7f3a";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(60);
    private readonly TempFolder _temp = new("sweepgrid-redis-password");
    private RedisServer? _redis;
    private RunningProcess? _silo;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync(password: Password);
        var (environment, _) = SiloProcess.OneSlotFake(_temp);
        environment["SWEEPGRID_Cluster__Mode"] = "redis";
        environment["SWEEPGRID_Storage__Provider"] = "redis";
        environment["SWEEPGRID_Redis__ConnectionString"] = _redis.ConnectionString;
        _silo = await SiloProcess.StartReadyAsync(environment, Patience);
    }

    [Fact]
    public async Task The_cli_reaches_the_cluster_with_the_password_in_the_redis_address()
    {
        var list = await SweepGridProcess.RunAsync(["list", "--cluster", $"redis://:{Password}@127.0.0.1:{_redis!.Port}", "--json"], timeout: CommandLimit);

        Assert.True(list.ExitCode == 0, $"{list.Stderr}\nsilo:\n{_silo!.Output}");
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(list.Stdout).RootElement.ValueKind);
        Assert.DoesNotContain(Password, list.Stdout + list.Stderr);
    }

    [Fact]
    public async Task A_wrong_password_fails_like_an_unreachable_cluster_without_showing_it()
    {
        var list = await SweepGridProcess.RunAsync(["list", "--cluster", $"redis://:{WrongPassword}@127.0.0.1:{_redis!.Port}", "--json"], timeout: CommandLimit);

        Assert.True(list.ExitCode == 1, $"exit {list.ExitCode}\n{list.Stdout}\n{list.Stderr}");
        Assert.Contains($"could not reach a SweepGrid cluster at redis://:***@127.0.0.1:{_redis.Port}", list.Stderr);
        Assert.DoesNotContain(WrongPassword, list.Stdout + list.Stderr);
    }

    [Fact]
    public void The_silo_logs_do_not_show_the_password()
    {
        var logs = string.Concat(Directory.EnumerateFiles(_temp.Combine("logs")).Select(File.ReadAllText));

        Assert.Contains("trains on {SlotCount} slots", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, _silo!.Output + logs);
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _temp.Dispose();
    }
}
