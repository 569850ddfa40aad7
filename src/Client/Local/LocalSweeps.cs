using System.Diagnostics;
using System.Text.Json;
using SweepGrid.Client.Cluster;
using SweepGrid.Client.Output;

namespace SweepGrid.Client.Local;

/// <summary>
/// The sweeps run embedded on this machine: one folder per sweep under the results root (--results, SWEEPGRID_RESULTS,
/// default ./results) holding its SQLite file, checkpoints, logs, run.json and the result files.
/// </summary>
public sealed class LocalSweeps(string root)
{
    public const string Variable = "SWEEPGRID_RESULTS";
    public const string DatabaseName = "sweepgrid.db";
    private const string RecordName = "run.json";

    private static JsonSerializerOptions Json => CliJson.Indented;

    public string Root { get; } = Path.GetFullPath(root);

    public static LocalSweeps FromOption(string? option) =>
        new(option ?? (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromEnvironment ? fromEnvironment : "results"));

    /// <summary>The sweep's folder; sweep ids are slugs, but a hand-typed id must still not leave the root.</summary>
    public string FolderOf(string sweepId)
    {
        if (sweepId.Length == 0 || sweepId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || sweepId.Trim('.').Length == 0)
        {
            throw new CliInputException($"'{sweepId}' is not a sweep id: ids are made of letters, digits, '-', '_' and '.' (as 'sweepgrid list' prints them)");
        }

        return Path.Combine(Root, sweepId);
    }

    public string DatabaseOf(string sweepId) => Path.Combine(FolderOf(sweepId), DatabaseName);

    public bool Has(string sweepId) => File.Exists(DatabaseOf(sweepId));

    public RunRecord? ReadRecord(string sweepId)
    {
        var path = Path.Combine(FolderOf(sweepId), RecordName);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void WriteRecord(RunRecord record)
    {
        var folder = FolderOf(record.SweepId);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, RecordName);
        // A temporary file of its own (a second process must not share it) that a failed write (a full disk) removes.
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllText(temporary, JsonSerializer.Serialize(record, Json));
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The run record of a sweep whose embedded process is alive right now, else null.</summary>
    public RunRecord? LiveRun(string sweepId) =>
        ReadRecord(sweepId) is { State: "running" } record && IsAlive(record.ProcessId) ? record : null;

    /// <summary>How the sweep's run stopped before the sweep finished (killed, or interrupted), else null (running, finished, or never run here).</summary>
    public InterruptedRun? Interrupted(string sweepId) => ReadRecord(sweepId) switch
    {
        { State: "running" } record when !IsAlive(record.ProcessId) => new InterruptedRun(record, ProcessGone: true),
        { State: InterruptedRun.State } record => new InterruptedRun(record, ProcessGone: false),
        _ => null,
    };

    /// <summary>Sweep ids with a database under the root, newest first.</summary>
    public IReadOnlyList<string> List() => !Directory.Exists(Root)
        ? []
        : Directory.EnumerateDirectories(Root)
            .Where(d => File.Exists(Path.Combine(d, DatabaseName)))
            .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d, DatabaseName)))
            .Select(d => Path.GetFileName(d)!)
            .ToList();

    /// <summary>Opens a sweep: its live run's gateway when one is running, else its SQLite file with a silo that trains nothing.</summary>
    public async Task<ClusterSession> OpenAsync(string sweepId, CancellationToken cancellation)
    {
        if (!Has(sweepId))
        {
            throw new SweepNotFoundException(sweepId, Root);
        }

        if (LiveRun(sweepId) is { } live)
        {
            return await ClusterSession.ConnectAsync(ClusterTarget.Parse($"localhost:{live.GatewayPort}"), cancellation);
        }

        var folder = FolderOf(sweepId);
        var (session, _) = await EmbeddedSilo.StartAsync(new EmbeddedSilo.Settings(DatabaseOf(sweepId), "", Path.Combine(folder, "checkpoints"), Path.Combine(folder, "logs")), cancellation);
        return session;
    }

    private static bool IsAlive(int processId)
    {
        if (processId == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            // A recycled pid of some other program is not our run.
            return !process.HasExited && (process.ProcessName.Contains("dotnet", StringComparison.OrdinalIgnoreCase) || process.ProcessName.Contains("sweepgrid", StringComparison.OrdinalIgnoreCase));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
