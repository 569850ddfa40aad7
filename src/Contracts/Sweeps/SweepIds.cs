using System.Security.Cryptography;
using System.Text;
using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Sweeps;

/// <summary>A sweep's id comes from its name, metric, planned trials and early-stopping policy, so launching the same spec again reaches the same sweep.</summary>
public static class SweepIds
{
    public static string For(SweepSpec spec, IReadOnlyList<PlannedTrial> trials)
    {
        var text = new StringBuilder()
            .Append(spec.Name).Append('\n')
            .Append(spec.Metric.Name).Append(' ').Append(spec.Metric.Goal).Append('\n')
            .AppendJoin('\n', trials.Select(t => t.Id.Value));
        if (spec.Method == SearchMethod.Tpe)
        {
            // An adaptive sweep has no list of trials up front: its id comes from what decides them, the canonical
            // text of its space, budget and seed.
            text.Append("\ntpe count ").Append(spec.Count).Append(" seed ").Append(spec.SamplerSeed).Append('\n')
                .Append(spec.Base.ToCanonicalText()).Append('\n')
                .AppendJoin('\n', spec.Parameters.Select(p => FormattableString.Invariant(
                    $"{p.Name} {p.Sampling} {p.Min:R} {p.Max:R} [{string.Join(",", p.Values)}]")));
        }

        if (spec.EarlyTerminate is { } early)
        {
            // Another policy is another sweep; specs without one keep the ids they always had.
            text.Append("\nearly_terminate ").Append(early);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..8];
        return $"{Slug(spec.Name)}-{hash}";
    }

    private static string Slug(string name)
    {
        var slug = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return slug.Length == 0 ? "sweep" : slug[..Math.Min(slug.Length, 40)];
    }
}
