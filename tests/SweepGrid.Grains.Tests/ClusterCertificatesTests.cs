using SweepGrid.Silo.Hosting;
using SweepGrid.Silo.Settings;
using SweepGrid.TestData;

namespace SweepGrid.Grains.Tests;

/// <summary>Reading section Tls at start: a certificate outside its validity period stops the silo; the CA comes as PEM or DER.</summary>
public sealed class ClusterCertificatesTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly TempFolder _temp = new("sweepgrid-certificates");

    [Fact]
    public void An_expired_certificate_stops_the_silo_naming_the_key_and_its_dates()
    {
        using var expired = TestCertificates.SelfSigned("sweepgrid-cluster", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 6, 30, 0, 0, 0, TimeSpan.Zero));
        var path = TestCertificates.WritePfx(expired, _temp.Combine("expired.pfx"));

        var e = Assert.Throws<SiloConfigurationException>(() => ClusterCertificates.Load(new ClusterTlsOptions { CertificatePath = path }, TimeProvider.System));

        Assert.Equal("Tls:CertificatePath", e.Key);
        Assert.Contains($"Tls:CertificatePath '{path}' has expired", e.Message);
        Assert.Contains("NotBefore 2024-01-01 00:00:00Z to NotAfter 2024-06-30 00:00:00Z", e.Message);
    }

    [Fact]
    public void A_certificate_not_valid_yet_stops_the_silo()
    {
        using var early = TestCertificates.SelfSigned("sweepgrid-cluster", Now.AddDays(2), Now.AddDays(30));
        var path = TestCertificates.WritePfx(early, _temp.Combine("early.pfx"));

        var e = Assert.Throws<SiloConfigurationException>(() => ClusterCertificates.Load(new ClusterTlsOptions { CertificatePath = path }, TimeProvider.System));

        Assert.Equal("Tls:CertificatePath", e.Key);
        Assert.Contains("is not valid yet", e.Message);
    }

    [Theory]
    [InlineData("pem")]
    [InlineData("der")]
    public void The_ca_is_read_from_a_pem_or_der_file_and_its_leaves_are_accepted(string format)
    {
        using var authority = TestCertificates.Authority("sweepgrid-ca");
        using var silo = TestCertificates.Leaf(authority, "silo-a");
        using var client = TestCertificates.Leaf(authority, "client-b");
        var caPath = format == "pem" ? TestCertificates.WritePem(authority, _temp.Combine("ca.pem")) : TestCertificates.WriteDer(authority, _temp.Combine("ca.der"));

        var tls = ClusterCertificates.Load(new ClusterTlsOptions { CertificatePath = TestCertificates.WritePfx(silo, _temp.Combine("silo.pfx"), "secret"), CertificatePassword = "secret", CaPath = caPath }, TimeProvider.System);

        Assert.NotNull(tls);
        Assert.Equal(silo.Thumbprint, tls.Certificate.Thumbprint);
        Assert.Null(tls.Peers.Refusal(client));
    }

    [Fact]
    public void Without_a_ca_only_the_configured_certificate_is_accepted_by_default()
    {
        using var shared = TestCertificates.SelfSigned("sweepgrid-cluster");
        using var stranger = TestCertificates.SelfSigned("sweepgrid-cluster");

        var tls = ClusterCertificates.Load(new ClusterTlsOptions { CertificatePath = TestCertificates.WritePfx(shared, _temp.Combine("cluster.pfx")) }, TimeProvider.System);

        Assert.NotNull(tls);
        Assert.Null(tls.Peers.Refusal(shared));
        Assert.NotNull(tls.Peers.Refusal(stranger));
    }

    [Fact]
    public void A_ca_file_that_is_no_certificate_names_tls_capath()
    {
        using var shared = TestCertificates.SelfSigned("sweepgrid-cluster");
        var caPath = _temp.Combine("ca.pem");
        File.WriteAllText(caPath, "not a certificate");

        var e = Assert.Throws<SiloConfigurationException>(() => ClusterCertificates.Load(
            new ClusterTlsOptions { CertificatePath = TestCertificates.WritePfx(shared, _temp.Combine("cluster.pfx")), CaPath = caPath }, TimeProvider.System));

        Assert.Equal("Tls:CaPath", e.Key);
        Assert.Contains($"Tls:CaPath '{caPath}' could not be read", e.Message);
    }

    [Fact]
    public void An_expired_ca_stops_the_silo_naming_tls_capath()
    {
        using var authority = TestCertificates.Authority("sweepgrid-ca", Now.AddYears(-2), Now.AddDays(-1));
        using var silo = TestCertificates.SelfSigned("silo-a");

        var e = Assert.Throws<SiloConfigurationException>(() => ClusterCertificates.Load(new ClusterTlsOptions
        {
            CertificatePath = TestCertificates.WritePfx(silo, _temp.Combine("silo.pfx")),
            CaPath = TestCertificates.WritePem(authority, _temp.Combine("ca.pem")),
        }, TimeProvider.System));

        Assert.Equal("Tls:CaPath", e.Key);
        Assert.Contains("has expired", e.Message);
    }

    public void Dispose() => _temp.Dispose();
}
