namespace SweepGrid.Client.Results;

/// <summary>
/// Writes a set of fixed-name files into one folder as a unit: every file goes to a temporary name in its final folder
/// first and is renamed over the old one only once all are written, so a crash or a full disk never leaves half a file,
/// and a folder that cannot be written is left as it was. Names are checked: nothing lands outside the folder.
/// </summary>
internal sealed class StagedFolder
{
    private readonly string? _createdTop;
    private readonly List<string> _createdSubfolders = [];
    private readonly List<Entry> _entries = [];

    private StagedFolder(string root, string? createdTop)
    {
        Root = root;
        _createdTop = createdTop;
    }

    public string Root { get; }

    /// <summary>Checks the folder and creates it (and any missing parents); a folder that cannot be made raises <see cref="ResultsPathException"/>.</summary>
    public static StagedFolder Open(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ResultsPathException(directory ?? "", "no folder was given");
        }

        string root;
        try
        {
            root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ResultsPathException(directory, "is not a valid folder path", e);
        }

        if (File.Exists(root))
        {
            throw new ResultsPathException(root, "is a file, not a folder");
        }

        string? createdTop = null;
        for (var folder = root; folder is not null && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder))
            {
                throw new ResultsPathException(root, $"cannot be created: {folder} is a file, not a folder");
            }

            createdTop = folder;
        }

        try
        {
            Directory.CreateDirectory(root);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ResultsPathException(root, "cannot be created: permission denied", e);
        }
        catch (IOException e)
        {
            throw new ResultsPathException(root, $"cannot be created: {e.Message}", e);
        }

        return new StagedFolder(root, createdTop);
    }

    public void Add(string name, byte[] content) => _entries.Add(new Entry(name, FinalPath(name), content));

    /// <summary>A temporary path in the file's final folder for a writer that cannot hand over bytes; it becomes <paramref name="name"/> on commit.</summary>
    public string Reserve(string name)
    {
        var final = FinalPath(name);
        EnsureFolder(Path.GetDirectoryName(final)!);
        var entry = new Entry(name, final, null) { Temporary = TemporaryFor(final) };
        _entries.Add(entry);
        return entry.Temporary;
    }

    /// <summary>Drops a reserved file its writer did not produce.</summary>
    public void Cancel(string name)
    {
        foreach (var entry in _entries.Where(e => e.Name == name).ToList())
        {
            DeleteQuietly(entry.Temporary);
            _entries.Remove(entry);
        }
    }

    /// <summary>Writes every file, renames them into place, and removes the files of <paramref name="owned"/> this write did not produce
    /// (left by an earlier write, they would no longer match the rest). Returns the names written.</summary>
    public IReadOnlyList<string> Commit(IEnumerable<string> owned)
    {
        var current = "";
        try
        {
            foreach (var entry in _entries.Where(e => e.Content is not null))
            {
                current = entry.Final;
                EnsureFolder(Path.GetDirectoryName(entry.Final)!);
                entry.Temporary = TemporaryFor(entry.Final);
                using var stream = new FileStream(entry.Temporary, FileMode.CreateNew, FileAccess.Write);
                stream.Write(entry.Content);
                stream.Flush(flushToDisk: true);
            }

            // Checked before any rename, so a blocked name leaves every earlier file as it was.
            foreach (var entry in _entries.Where(e => Directory.Exists(e.Final)))
            {
                throw new ResultsPathException(entry.Final, "is a folder, so the file of that name cannot be written: move it away");
            }

            foreach (var entry in _entries)
            {
                current = entry.Final;
                File.Move(entry.Temporary!, entry.Final, overwrite: true);
                entry.Temporary = null;
            }
        }
        catch (ResultsPathException)
        {
            Abandon();
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Abandon();
            var problem = e is UnauthorizedAccessException ? "permission denied" : e.Message;
            throw new ResultsPathException(current.Length > 0 ? current : Root, $"cannot be written: {problem}", e);
        }

        var written = _entries.Select(e => e.Name).ToList();
        foreach (var stale in owned.Except(written, StringComparer.Ordinal))
        {
            var path = FinalPath(stale);
            try
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A stale file that cannot be removed is only misleading, not wrong: the written ones stand.
            }
        }

        _entries.Clear();
        return written;
    }

    /// <summary>Removes every temporary file and every folder this write created; files already in place stay.</summary>
    public void Abandon()
    {
        foreach (var entry in _entries)
        {
            DeleteQuietly(entry.Temporary);
        }

        _entries.Clear();
        foreach (var folder in Enumerable.Reverse(_createdSubfolders))
        {
            DeleteFolderQuietly(folder, recursive: false);
        }

        if (_createdTop is not null)
        {
            DeleteFolderQuietly(_createdTop, recursive: true);
        }
    }

    private string FinalPath(string name)
    {
        var parts = name.Split('/');
        if (parts.Any(p => p.Length == 0 || p == "." || p == ".." || p.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))))
        {
            throw new ArgumentException($"'{name}' is not a plain relative file name", nameof(name));
        }

        var path = Path.GetFullPath(Path.Combine([Root, .. parts]));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is outside {Root}", nameof(name));
        }

        return path;
    }

    private void EnsureFolder(string folder)
    {
        if (folder == Root)
        {
            return;
        }

        try
        {
            if (Directory.Exists(folder))
            {
                if (new DirectoryInfo(folder).LinkTarget is not null)
                {
                    throw new ResultsPathException(folder, "is a link: results are written only into real folders inside the one given");
                }

                return;
            }

            Directory.CreateDirectory(folder);
            _createdSubfolders.Add(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Abandon();
            throw new ResultsPathException(folder, $"cannot be created: {(e is UnauthorizedAccessException ? "permission denied" : e.Message)}", e);
        }
    }

    private static string TemporaryFor(string final) =>
        Path.Combine(Path.GetDirectoryName(final)!, $".{Path.GetFileName(final)}.{Guid.NewGuid():N}.partial");

    private static void DeleteQuietly(string? path)
    {
        try
        {
            if (path is not null)
            {
                File.Delete(path);
                File.Delete(path + ".tmp");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void DeleteFolderQuietly(string folder, bool recursive)
    {
        try
        {
            if (Directory.Exists(folder) && (recursive || !Directory.EnumerateFileSystemEntries(folder).Any()))
            {
                Directory.Delete(folder, recursive);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private sealed class Entry(string name, string final, byte[]? content)
    {
        public string Name { get; } = name;

        public string Final { get; } = final;

        public byte[]? Content { get; } = content;

        public string? Temporary { get; set; }
    }
}
