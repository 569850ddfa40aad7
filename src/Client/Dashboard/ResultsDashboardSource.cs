using System.Text.Json;
using SweepGrid.Client.Cluster;
using SweepGrid.Client.Dashboard.Api;
using SweepGrid.Client.Local;
using SweepGrid.Client.Results;
using SweepGrid.Contracts.Nodes;

namespace SweepGrid.Client.Dashboard;

/// <summary>
/// The sweeps run on this machine, one folder each under the results root: a running one through its process's gateway, a
/// stopped one from its SQLite file. When a run stops or starts again, the sweep's connection changes and so does its name.
/// </summary>
public sealed class ResultsDashboardSource(LocalSweeps local) : IDashboardSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ClusterSession> _sessions = new(StringComparer.Ordinal);

    public string Description => $"the sweeps under {local.Root}";

    public Task<IReadOnlyList<SweepJson>> SweepsAsync(CancellationToken cancellation)
    {
        IReadOnlyList<SweepJson> rows = local.List()
            .Select(id => (Id: id, Record: local.ReadRecord(id), Interrupted: local.Interrupted(id)))
            .Where(s => s.Record is not null)
            .Select(s => new SweepJson
            {
                SweepId = s.Id,
                Name = s.Record!.Name,
                State = s.Interrupted is null ? s.Record.State : InterruptedRun.State,
                Total = s.Record.Trials,
                Finished = s.Record.Finished,
                LaunchedAt = s.Record.StartedAt,
                Best = BestOf(s.Id),
            })
            .ToList();
        return Task.FromResult(rows);
    }

    public async Task<SweepConnection?> OpenAsync(string sweepId, CancellationToken cancellation)
    {
        if (!IsSweepId(sweepId) || !local.Has(sweepId))
        {
            return null;
        }

        var source = local.LiveRun(sweepId) is { } live ? $"{sweepId} on localhost:{live.GatewayPort}" : $"{sweepId} in {local.DatabaseOf(sweepId)}";
        var session = await SessionAsync(source, () => local.OpenAsync(sweepId, cancellation));
        return new SweepConnection(session.Sweeps, source);
    }

    public async Task<IReadOnlyList<NodeInfo>> NodesAsync(CancellationToken cancellation)
    {
        var nodes = new List<NodeInfo>();
        foreach (var id in local.List())
        {
            if (local.LiveRun(id) is not { } live)
            {
                continue;
            }

            var session = await SessionAsync($"{id} on localhost:{live.GatewayPort}",
                () => ClusterSession.ConnectAsync(ClusterTarget.Parse($"localhost:{live.GatewayPort}"), cancellation));
            nodes.AddRange(await session.Grains.GetGrain<INodeRegistryGrain>(INodeRegistryGrain.Key).List());
        }

        return nodes.DistinctBy(n => n.Silo).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions.Values)
        {
            await session.DisposeAsync();
        }

        _sessions.Clear();
        _gate.Dispose();
    }

    private static bool IsSweepId(string id) =>
        id.Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && id.Trim('.').Length > 0;

    private async Task<ClusterSession> SessionAsync(string key, Func<Task<ClusterSession>> open)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_sessions.TryGetValue(key, out var session))
            {
                session = await open();
                _sessions[key] = session;
            }

            return session;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The best value in a finished sweep's best.json, if it has one.</summary>
    private double? BestOf(string sweepId)
    {
        var path = Path.Combine(local.FolderOf(sweepId), ResultsWriter.BestFile);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
