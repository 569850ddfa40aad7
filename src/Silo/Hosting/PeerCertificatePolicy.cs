using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SweepGrid.Silo.Hosting;

/// <summary>
/// Which certificates a silo or client accepts from the other end of a TLS connection: one within its validity period
/// that chains to the cluster CA (Tls:CaPath) when one is given, and whose thumbprint is allowed (Tls:AllowedThumbprints)
/// when thumbprints are pinned. Without a CA the thumbprints are the only trust, so they are always pinned.
/// </summary>
public sealed class PeerCertificatePolicy
{
    private readonly X509Certificate2? _authority;
    private readonly IReadOnlySet<string> _allowedThumbprints;
    private readonly TimeProvider _clock;

    /// <param name="authority">The cluster CA, or null to trust pinned thumbprints only.</param>
    /// <param name="allowedThumbprints">SHA-1 thumbprints in upper case; empty: any certificate the CA signed.</param>
    public PeerCertificatePolicy(X509Certificate2? authority, IReadOnlySet<string> allowedThumbprints, TimeProvider clock)
    {
        if (authority is null && allowedThumbprints.Count == 0)
        {
            throw new ArgumentException("without a CA, some thumbprint must be pinned, or every peer would be refused", nameof(allowedThumbprints));
        }

        _authority = authority;
        _allowedThumbprints = allowedThumbprints;
        _clock = clock;
    }

    /// <summary>Why <paramref name="peer"/> is refused, or null when it is accepted.</summary>
    public string? Refusal(X509Certificate2? peer)
    {
        if (peer is null)
        {
            return "it presented no certificate";
        }

        var now = _clock.GetUtcNow();
        if (now < peer.NotBefore.ToUniversalTime() || now > peer.NotAfter.ToUniversalTime())
        {
            return $"its certificate {peer.Subject} is valid from {peer.NotBefore.ToUniversalTime():u} to {peer.NotAfter.ToUniversalTime():u}, not at {now.UtcDateTime:u}";
        }

        if (_authority is not null && !ChainsToAuthority(peer, _authority, now))
        {
            return $"its certificate {peer.Subject} is not signed by the cluster CA {_authority.Subject}";
        }

        if (_allowedThumbprints.Count > 0 && !_allowedThumbprints.Contains(peer.Thumbprint.ToUpperInvariant()))
        {
            return $"its certificate's thumbprint {peer.Thumbprint} is not in Tls:AllowedThumbprints";
        }

        return null;
    }

    /// <summary>For RemoteCertificateValidation: the chain and policy errors SslStream found against the machine's trust
    /// store do not count (a cluster CA is in none); only <see cref="Refusal"/> does.</summary>
    public bool Accepts(X509Certificate2? peer, X509Chain? chain, SslPolicyErrors errors) => Refusal(peer) is null;

    private static bool ChainsToAuthority(X509Certificate2 peer, X509Certificate2 authority, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        // Off: a private cluster CA publishes no CRL or OCSP responder, and silos need not reach one; to shut a certificate out, pin the others (Tls:AllowedThumbprints) or re-issue from a new CA.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        return chain.Build(peer);
    }
}
