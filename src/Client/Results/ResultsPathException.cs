namespace SweepGrid.Client.Results;

/// <summary>The results or export folder cannot be used: it is a file, lies under a file, or cannot be written. Exit code 2.</summary>
public sealed class ResultsPathException : Exception
{
    public ResultsPathException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        PathName = path;
        Problem = problem;
    }

    /// <summary>The folder (or the file in it) that could not be written.</summary>
    public string PathName { get; }

    public string Problem { get; }
}
