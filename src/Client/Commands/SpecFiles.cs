using SweepGrid.Contracts.Parsing;
using SweepGrid.Contracts.Sweeps;

namespace SweepGrid.Client.Commands;

public static class SpecFiles
{
    /// <summary>Reads, parses and expands a spec file, once for the whole command.</summary>
    public static SweepPlan Plan(string path) => SweepSpecParser.Plan(Read(path), path);

    public static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot read the sweep spec '{path}': {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message)}");
        }
    }
}
