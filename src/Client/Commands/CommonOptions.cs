using System.CommandLine;
using Orleans.Runtime;
using SweepGrid.Client.Cluster;
using SweepGrid.Client.Local;
using SweepGrid.Contracts.Sweeps;

namespace SweepGrid.Client.Commands;

/// <summary>The options every cluster command shares, and how a command finds the sweep it names.</summary>
public static class CommonOptions
{
    /// <summary>How long a command opening a sweep keeps asking a cluster that rejects its calls: about as long as the cluster takes to declare a dead silo dead.</summary>
    private static readonly TimeSpan RejectedCallPatience = TimeSpan.FromSeconds(30);

    public static Option<string?> Cluster() => new("--cluster")
    {
        Description = $"The cluster: localhost[:GATEWAY_PORT] or redis://[:PASSWORD@]HOST:PORT, rediss:// for Redis over TLS (default: ${ClusterTarget.Variable}; without either, the sweeps run here with 'sweepgrid run', kept under --results).",
    };

    public static Option<string?> Results() => new("--results")
    {
        Description = $"Folder holding the sweeps run on this machine, one folder per sweep (default: ${LocalSweeps.Variable}, else ./results).",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON for scripts instead of text." };

    public static Argument<string> SweepId() => new("ID") { Description = "The sweep's id, as 'launch', 'run' and 'list' print it." };

    /// <summary>The --cluster value, else SWEEPGRID_CLUSTER, else null (this machine's results folder).</summary>
    public static ClusterTarget? TargetOf(string? option) =>
        (option ?? Environment.GetEnvironmentVariable(ClusterTarget.Variable)) is { Length: > 0 } text ? ClusterTarget.Parse(text) : null;

    /// <summary>Opens the cluster that holds the sweep, checking that it knows the sweep.</summary>
    public static async Task<ClusterSession> OpenSweepAsync(string sweepId, string? cluster, string? results, CancellationToken cancellation)
    {
        if (TargetOf(cluster) is { } target)
        {
            var session = await ClusterSession.ConnectAsync(target, cancellation);
            try
            {
                var status = await StatusPatiently(session.Sweeps, sweepId, cancellation);
                if (status.State == SweepState.NotLaunched)
                {
                    throw new SweepNotFoundException(sweepId, $"the cluster at {target}");
                }
            }
            catch
            {
                await session.DisposeAsync();
                throw;
            }

            return session;
        }

        return await LocalSweeps.FromOption(results).OpenAsync(sweepId, cancellation);
    }

    /// <summary>
    /// The sweep's status, asked again while the cluster rejects the call or its storage fails: a silo killed moments ago
    /// (holding the sweep's grain, or the gateway) refuses connections until the cluster declares it dead, storage restarting
    /// fails the reads of the grains that wake meanwhile, and `watch` must not end over either before it starts.
    /// </summary>
    private static async Task<SweepStatus> StatusPatiently(SweepClient sweeps, string sweepId, CancellationToken cancellation)
    {
        var giveUp = DateTimeOffset.UtcNow + RejectedCallPatience;
        while (true)
        {
            try
            {
                return await sweeps.StatusAsync(sweepId);
            }
            catch (OrleansException) when (DateTimeOffset.UtcNow < giveUp)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
            }
        }
    }
}
