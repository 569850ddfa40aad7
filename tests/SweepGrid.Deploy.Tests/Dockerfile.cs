using System.Text;

namespace SweepGrid.Deploy.Tests;

/// <summary>A Dockerfile read as text: its instructions (continuation lines joined, comments dropped) and stages.</summary>
public sealed record Dockerfile(string Path, IReadOnlyList<(string Keyword, string Arguments)> Instructions)
{
    public static Dockerfile Read(string path)
    {
        var instructions = new List<(string, string)>();
        var current = new StringBuilder();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            var continues = line.EndsWith('\\');
            current.Append(continues ? line[..^1] : line).Append(' ');
            if (!continues)
            {
                var text = current.ToString().Trim();
                current.Clear();
                var space = text.IndexOf(' ', StringComparison.Ordinal);
                instructions.Add(space < 0 ? (text.ToUpperInvariant(), "") : (text[..space].ToUpperInvariant(), text[(space + 1)..].Trim()));
            }
        }

        return new Dockerfile(path, instructions);
    }

    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The instructions of the last stage: what the image is.</summary>
    public IReadOnlyList<(string Keyword, string Arguments)> FinalStage =>
        Instructions.Skip(Instructions.Select((instruction, index) => (instruction, index)).Last(pair => pair.instruction.Keyword == "FROM").index).ToList();

    public IEnumerable<string> Arguments(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

    /// <summary>ENV KEY=VALUE pairs of the final stage (values may be double-quoted).</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        FinalStage.Where(i => i.Keyword == "ENV").SelectMany(i => Words(i.Arguments))
            .Select(word => word.Split('=', 2)).Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]);

    public IReadOnlyList<int> ExposedPorts =>
        FinalStage.Where(i => i.Keyword == "EXPOSE").SelectMany(i => Words(i.Arguments))
            .Select(word => int.Parse(word.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>Splits on blanks outside double quotes, dropping the quotes.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
            }
            else
            {
                word.Append(c);
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
