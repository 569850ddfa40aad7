using SweepGrid.Silo.Hosting;

namespace SweepGrid.Silo.Workers;

/// <summary>Where trial checkpoints live unless Workers:CheckpointRoot says otherwise, and how a silo makes that folder:
/// per user and readable by that user only, not under a temp folder anyone can write to (and plant files in).</summary>
public static class CheckpointFolder
{
    /// <summary>$XDG_STATE_HOME/sweepgrid/checkpoints, or ~/.local/state/sweepgrid/checkpoints when it is unset or relative.</summary>
    public static string Default() =>
        Default(Environment.GetEnvironmentVariable("XDG_STATE_HOME"), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    public static string Default(string? stateHome, string home)
    {
        // The XDG base directory spec: a relative XDG_STATE_HOME is invalid and ignored.
        var state = stateHome is { Length: > 0 } && Path.IsPathRooted(stateHome) ? stateHome : Path.Combine(home, ".local", "state");
        return Path.Combine(state, "sweepgrid", "checkpoints");
    }

    /// <summary>Creates <paramref name="root"/> and its missing parents with mode 0700; a folder that exists keeps its mode
    /// (a volume shared by the silos has the permissions its owner gave it).</summary>
    public static void Prepare(string root)
    {
        if (Directory.Exists(root))
        {
            return;
        }

        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(root);
            }
            else
            {
                // One at a time: Directory.CreateDirectory gives the mode to the last folder only, its parents get 0777 less the umask.
                var missing = new Stack<string>();
                for (var folder = Path.GetFullPath(root); folder is not null && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
                {
                    missing.Push(folder);
                }

                foreach (var folder in missing)
                {
                    Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SiloConfigurationException("Workers:CheckpointRoot",
                $"Workers:CheckpointRoot '{root}' could not be created ({e.Message}): give a folder this silo may write to, the same one for every silo that may resume a trial", e);
        }
    }
}
