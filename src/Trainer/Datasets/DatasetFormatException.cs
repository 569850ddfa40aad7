namespace SweepGrid.Trainer.Datasets;

/// <summary>A dataset file is missing or malformed; names the file, the byte offset and what was expected.</summary>
public sealed class DatasetFormatException : Exception
{
    public DatasetFormatException(string file, long? offset, string problem)
        : base(Compose(file, offset, problem))
    {
        File = file;
        Offset = offset;
        Problem = problem;
    }

    public string File { get; }

    /// <summary>Byte offset of the problem; for .gz files, in the decompressed data. Null when the file is missing.</summary>
    public long? Offset { get; }

    public string Problem { get; }

    private static string Compose(string file, long? offset, string problem) =>
        offset is null ? $"{file}: {problem}" : $"{file} at byte {offset}: {problem}";
}
