using System.Globalization;

namespace SweepGrid.Client.Local;

/// <summary>
/// One running <c>sweepgrid run</c> per results folder: an exclusive lock on its run.lock, which the system drops when the
/// process ends however it ends (kill -9 included), and the owner's process id beside it for the message a second run gets.
/// The "already running" check by run.json alone let two runs started at the same moment both pass.
/// </summary>
public sealed class RunLock : IDisposable
{
    public const string LockName = "run.lock";
    public const string OwnerName = "run.pid";

    private readonly FileStream _lock;

    private RunLock(FileStream held) => _lock = held;

    /// <exception cref="CliInputException">Another process holds the folder's lock.</exception>
    public static RunLock Acquire(string folder, string sweepId)
    {
        Directory.CreateDirectory(folder);
        FileStream held;
        try
        {
            // .NET takes FileShare.None as an exclusive flock on Unix: a second process cannot open the file until the first is gone.
            held = new FileStream(Path.Combine(folder, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var owner = File.Exists(Path.Combine(folder, OwnerName)) ? File.ReadAllText(Path.Combine(folder, OwnerName)).Trim() : "";
            var who = owner.Length > 0 ? $"process {owner}" : "another process";
            throw new CliInputException($"sweep {sweepId} is already running in {who}, which holds {Path.Combine(folder, LockName)}: one results folder " +
                $"has one running 'sweepgrid run'; follow it with 'sweepgrid watch {sweepId}', or wait for it to end and run again");
        }

        File.WriteAllText(Path.Combine(folder, OwnerName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return new RunLock(held);
    }

    public void Dispose() => _lock.Dispose();
}
