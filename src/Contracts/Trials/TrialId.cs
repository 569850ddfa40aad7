using System.Security.Cryptography;
using System.Text;

namespace SweepGrid.Contracts.Trials;

/// <summary>A trial's identity, derived from its configuration alone: the same configuration always has the same id.</summary>
public sealed record TrialId(string Value)
{
    public const int Length = 16;

    public static TrialId Of(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(config.ToCanonicalText()));
        return new TrialId(Convert.ToHexStringLower(hash)[..Length]);
    }

    public override string ToString() => Value;
}
