using YamlDotNet.Core;

namespace SweepGrid.Contracts.Parsing;

/// <summary>Thrown by <see cref="DepthLimitedParser"/> where the YAML nests deeper than its limit; becomes a spec error there.</summary>
internal sealed class YamlTooDeepException(Mark at, int maxDepth)
    : YamlException(at, at, $"the YAML nests deeper than {maxDepth} levels")
{
    public int MaxDepth { get; } = maxDepth;
}
