using SweepGrid.Contracts.Parsing;
using SweepGrid.Contracts.Sweeps;

namespace SweepGrid.Client.Commands;

public static class SpecFiles
{
    /// <summary>Reads, parses and expands a spec file, once for the whole command.</summary>
    public static SweepPlan Plan(string path) => SweepSpecParser.Plan(Read(path), path);

    /// <summary>The spec's text; a file longer than any spec (or a device that never ends) is refused before it is read in.</summary>
    public static string Read(string path)
    {
        var limit = SpecParserOptions.Default.MaxLength;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
            if (file.CanSeek && file.Length > limit)
            {
                throw TooLong(path, $"is {file.Length:N0} bytes long", limit);
            }

            using var reader = new StreamReader(file);
            var text = new char[limit + 1];
            var read = reader.ReadBlock(text, 0, text.Length);
            return read > limit ? throw TooLong(path, "is longer", limit) : new string(text, 0, read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot read the sweep spec '{path}': {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message)}");
        }
    }

    private static CliInputException TooLong(string path, string size, int limit) =>
        new($"the sweep spec '{path}' {size}; a spec may hold at most {limit:N0} bytes (a real one holds a few hundred): is it the right file?");
}
