using System.Security.Cryptography.X509Certificates;
using SweepGrid.Silo.Hosting;
using SweepGrid.TestData;

namespace SweepGrid.Grains.Tests;

/// <summary>Which peer certificates a silo or client lets in: the CA's leaves within their validity period, pinned thumbprints.</summary>
public sealed class PeerCertificatePolicyTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly X509Certificate2 _authority = TestCertificates.Authority("sweepgrid-ca", Now.AddDays(-60), Now.AddYears(1));
    private readonly X509Certificate2 _silo;
    private readonly X509Certificate2 _client;

    public PeerCertificatePolicyTests()
    {
        _silo = TestCertificates.Leaf(_authority, "silo-a");
        _client = TestCertificates.Leaf(_authority, "client-b");
    }

    [Fact]
    public void Any_certificate_the_cluster_ca_signed_is_accepted()
    {
        var policy = TrustingTheAuthority();

        Assert.Null(policy.Refusal(_silo));
        Assert.Null(policy.Refusal(_client));
        Assert.True(policy.Accepts(_client, chain: null, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void A_certificate_another_ca_signed_is_refused()
    {
        using var other = TestCertificates.Authority("other-ca");
        using var stranger = TestCertificates.Leaf(other, "client-b");

        Assert.Contains("is not signed by the cluster CA CN=sweepgrid-ca", TrustingTheAuthority().Refusal(stranger));
    }

    [Fact]
    public void A_ca_with_the_cluster_cas_name_but_another_key_signs_nothing_the_cluster_accepts()
    {
        using var impostor = TestCertificates.Authority("sweepgrid-ca");
        using var forged = TestCertificates.Leaf(impostor, "silo-a");

        Assert.Contains("is not signed by the cluster CA", TrustingTheAuthority().Refusal(forged));
    }

    [Fact]
    public void A_self_signed_certificate_is_refused_when_a_ca_is_trusted()
    {
        using var selfSigned = TestCertificates.SelfSigned("silo-a");

        Assert.Contains("is not signed by the cluster CA", TrustingTheAuthority().Refusal(selfSigned));
    }

    [Fact]
    public void An_expired_certificate_the_cluster_ca_signed_is_refused()
    {
        using var expired = TestCertificates.Leaf(_authority, "old-silo", Now.AddDays(-30), Now.AddDays(-1));

        Assert.Contains("is valid from", TrustingTheAuthority().Refusal(expired));
    }

    [Fact]
    public void A_certificate_not_valid_yet_is_refused()
    {
        using var early = TestCertificates.Leaf(_authority, "new-silo", Now.AddDays(1), Now.AddDays(30));

        Assert.Contains("is valid from", TrustingTheAuthority().Refusal(early));
    }

    [Fact]
    public void With_a_ca_and_pinned_thumbprints_a_peer_needs_both()
    {
        var policy = new PeerCertificatePolicy(_authority, Pinned(_silo), TimeProvider.System);

        Assert.Null(policy.Refusal(_silo));
        Assert.Contains("is not in Tls:AllowedThumbprints", policy.Refusal(_client));
    }

    [Fact]
    public void A_pinned_certificate_is_accepted_and_any_other_refused_without_a_ca()
    {
        using var shared = TestCertificates.SelfSigned("sweepgrid-cluster");
        using var stranger = TestCertificates.SelfSigned("sweepgrid-cluster");
        var policy = new PeerCertificatePolicy(null, Pinned(shared), TimeProvider.System);

        Assert.Null(policy.Refusal(shared));
        Assert.Contains("is not in Tls:AllowedThumbprints", policy.Refusal(stranger));
    }

    [Fact]
    public void A_pinned_certificate_past_its_validity_period_is_refused()
    {
        using var expired = TestCertificates.SelfSigned("sweepgrid-cluster", Now.AddDays(-30), Now.AddDays(-1));

        Assert.Contains("is valid from", new PeerCertificatePolicy(null, Pinned(expired), TimeProvider.System).Refusal(expired));
    }

    [Fact]
    public void A_peer_without_a_certificate_is_refused()
    {
        Assert.Equal("it presented no certificate", TrustingTheAuthority().Refusal(null));
    }

    private PeerCertificatePolicy TrustingTheAuthority() => new(_authority, new HashSet<string>(), TimeProvider.System);

    private static HashSet<string> Pinned(X509Certificate2 certificate) => [certificate.Thumbprint.ToUpperInvariant()];

    public void Dispose()
    {
        _authority.Dispose();
        _silo.Dispose();
        _client.Dispose();
    }
}
