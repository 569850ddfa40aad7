using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Sweeps;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SweepGrid.Contracts.Parsing;

/// <summary>Reads a sweep spec from YAML and validates it.</summary>
public static class SweepSpecParser
{
    private const string WellFormed = "well-formed YAML: check the indentation, quotes and brackets here";

    /// <summary>Parses and validates <paramref name="yaml"/>.</summary>
    /// <param name="sourceName">Named in error messages, e.g. the file name; null says "spec".</param>
    /// <exception cref="SpecValidationException">With every error found, each naming its field path, line and column.</exception>
    public static SweepSpec Parse(string yaml, string? sourceName = null, SpecParserOptions? options = null) =>
        Plan(yaml, sourceName, options).Spec;

    /// <summary>Parses and validates <paramref name="yaml"/> and expands its search: everything a launch needs, computed once.</summary>
    /// <exception cref="SpecValidationException">With every error found, each naming its field path, line and column.</exception>
    public static SweepPlan Plan(string yaml, string? sourceName = null, SpecParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        options ??= SpecParserOptions.Default;
        var errors = new SpecErrorList();
        if (yaml.Length > options.MaxLength)
        {
            // Refused unread: a text this long is not a spec, and its errors would be as long.
            errors.Add(Mark.Empty, "(document)", $"the spec is {yaml.Length:N0} characters long",
                $"a spec of at most {options.MaxLength:N0} characters (a real one is a few hundred): is it the right file?");
            throw new SpecValidationException(sourceName, errors.Sorted());
        }

        var stream = Load(yaml, options.MaxDepth, errors);
        if (stream is null)
        {
            throw new SpecValidationException(sourceName, errors.Sorted());
        }

        if (stream.Documents.Count == 0)
        {
            errors.Add(Mark.Empty, "(document)", "the spec is empty", "a mapping with at least name and parameters");
            throw new SpecValidationException(sourceName, errors.Sorted());
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add(stream.Documents[1].RootNode, "(document)", "the file holds more than one YAML document", "one spec per file, without a second '---'");
        }

        var plan = new SpecReader(new SpecNodeReader(errors), options).ReadPlan(stream.Documents[0].RootNode);
        if (errors.Count > 0 || plan is not { } read)
        {
            throw new SpecValidationException(sourceName, errors.Sorted());
        }

        return new SweepPlan(read.Spec, yaml, sourceName, read.Trials);
    }

    /// <summary>Reads and parses a spec file; errors name the file as given.</summary>
    public static SweepSpec ParseFile(string path, SpecParserOptions? options = null) =>
        Parse(File.ReadAllText(path), path, options);

    private static YamlStream? Load(string yaml, int maxDepth, SpecErrorList errors)
    {
        var scanner = new Scanner(new StringReader(yaml));
        var stream = new YamlStream();
        try
        {
            stream.Load(new DepthLimitedParser(new Parser(scanner), maxDepth));
            return stream;
        }
        catch (YamlTooDeepException e)
        {
            errors.Add(e.Start, "(yaml)", e.Message, $"mappings and lists nested at most {e.MaxDepth} levels (a spec needs four or five)");
            return null;
        }
        catch (YamlException e)
        {
            // Some YamlDotNet errors (an unknown alias) carry no position of their own; the scanner knows how far it got.
            var at = e.Start.Index == 0 && e.Start.Line <= 1 && e.Start.Column <= 1 ? scanner.CurrentPosition : e.Start;
            var duplicate = e.Message.StartsWith("Duplicate key ", StringComparison.Ordinal);
            var problem = duplicate ? $"the key '{e.Message["Duplicate key ".Length..]}' appears twice in one mapping" : e.Message.TrimEnd('.');
            errors.Add(at, "(yaml)", problem, duplicate ? "each key once per mapping" : WellFormed);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet throws this, not a YamlException, when the text ends inside an unclosed flow collection.
            errors.Add(scanner.CurrentPosition, "(yaml)", "the YAML could not be read from here on: an unclosed '[', '{' or quote?", WellFormed);
            return null;
        }
    }
}
