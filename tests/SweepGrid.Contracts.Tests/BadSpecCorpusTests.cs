using System.Text.RegularExpressions;
using SweepGrid.Contracts.Parsing;

namespace SweepGrid.Contracts.Tests;

/// <summary>
/// Each file in BadSpecs/ is a spec a user might write by mistake. Its "# expect: LINE PATH | TEXT" lines list every
/// error it must produce: the line, the field path, and text the printed message must contain (the allowed values);
/// " ... " in that text skips to a later part of the message.
/// </summary>
public sealed partial class BadSpecCorpusTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "BadSpecs"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void The_corpus_covers_every_kind_of_mistake()
    {
        Assert.True(Files().Count >= 20, $"only {Files().Count} bad specs were found next to the tests");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_expected_error_is_reported_with_its_path_line_and_allowed_values(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "BadSpecs", file);
        var expected = File.ReadLines(path).Select(l => Expectation().Match(l)).Where(m => m.Success).ToList();
        Assert.NotEmpty(expected);

        var error = Assert.Throws<SpecValidationException>(() => SweepSpecParser.Parse(File.ReadAllText(path), file));

        var report = string.Join("\n", error.Errors.Select(e => e.Format(file)));
        Assert.True(expected.Count == error.Errors.Count, $"expected {expected.Count} errors, got {error.Errors.Count}:\n{report}");
        foreach (var expectation in expected)
        {
            var line = int.Parse(expectation.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var fieldPath = expectation.Groups["path"].Value;
            var text = expectation.Groups["text"].Value.Trim();
            var match = error.Errors.FirstOrDefault(e => e.Line == line && e.Path == fieldPath);
            Assert.True(match is not null, $"no error at line {line} for {fieldPath}; got:\n{report}");
            var printed = match.Format(file);
            Assert.StartsWith($"{file}:{line}:{match.Column}: {fieldPath}: ", printed);
            var from = 0;
            foreach (var fragment in text.Split(" ... "))
            {
                var at = printed.IndexOf(fragment, from, StringComparison.Ordinal);
                Assert.True(at >= 0, $"'{fragment}' not found in order in:\n{printed}");
                from = at + fragment.Length;
            }

            Assert.Contains(printed, error.Message);
        }
    }

    [GeneratedRegex(@"^# expect: (?<line>\d+) (?<path>\S+) \| (?<text>.+)$")]
    private static partial Regex Expectation();
}
