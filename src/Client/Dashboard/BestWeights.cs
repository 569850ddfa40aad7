using System.Collections.Concurrent;
using SweepGrid.Client.Cluster;
using SweepGrid.Client.Results;

namespace SweepGrid.Client.Dashboard;

/// <summary>
/// The best trials' weights as safetensors, exported from their checkpoints the first time a page asks (as
/// <c>sweepgrid best --export</c> does) into a folder of this process that is removed when the dashboard stops.
/// </summary>
public sealed class BestWeights : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"sweepgrid-dashboard-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private readonly ConcurrentDictionary<string, Lazy<Task<(string? Path, string? Why)>>> _exports = new(StringComparer.Ordinal);

    /// <summary>The safetensors file of the trial, or why there is none (no checkpoint, not on this machine, …).</summary>
    public Task<(string? Path, string? Why)> ExportAsync(SweepClient sweeps, string sweepId, string trialId) =>
        _exports.GetOrAdd($"{sweepId}/{trialId}", _ => new Lazy<Task<(string?, string?)>>(() => Export(sweeps, sweepId, trialId))).Value;

    private async Task<(string?, string?)> Export(SweepClient sweeps, string sweepId, string trialId)
    {
        var snapshot = await sweeps.TrialAsync(sweepId, trialId);
        var spec = await sweeps.SpecAsync(sweepId);
        var folder = Path.Combine(_root, sweepId, trialId);
        // The export loads libtorch and reads the checkpoint: off the request thread.
        var files = await Task.Run(() => BestExport.Write(folder, snapshot, spec));
        var path = Path.Combine(folder, BestExport.SafetensorsFile);
        return File.Exists(path) ? (path, null) : (null, files.Skipped.FirstOrDefault(s => s.Name == BestExport.SafetensorsFile)?.Reason ?? "the weights were not exported");
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }
}
