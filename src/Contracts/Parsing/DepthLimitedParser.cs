using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SweepGrid.Contracts.Parsing;

/// <summary>
/// Stops reading YAML nested deeper than a limit. YamlDotNet's representation model builds nodes recursively, and a deep enough
/// document (100,000 '[') would overflow the stack, which no catch survives; a spec nests a handful of levels.
/// </summary>
internal sealed class DepthLimitedParser(IParser inner, int maxDepth) : IParser
{
    private int depth;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case SequenceStart or MappingStart:
                depth++;
                if (depth > maxDepth)
                {
                    throw new YamlTooDeepException(inner.Current.Start, maxDepth);
                }

                break;
            case SequenceEnd or MappingEnd:
                depth--;
                break;
        }

        return true;
    }
}
