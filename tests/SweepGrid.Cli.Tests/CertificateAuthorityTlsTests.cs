using System.Text.Json;
using SweepGrid.TestData;

namespace SweepGrid.Cli.Tests;

/// <summary>A silo process trusting a cluster CA (Tls:CaPath) with its own certificate: clients with their own certificates
/// from that CA get in, others do not.</summary>
public sealed class CertificateAuthorityTlsTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(60);
    private readonly TempFolder _temp = new("sweepgrid-tls-ca");
    private RunningProcess? _silo;
    private string _cluster = "";
    private string _caPath = "";
    private string _clientCertificate = "";
    private string _strangerCertificate = "";

    public async Task InitializeAsync()
    {
        using var authority = TestCertificates.Authority("sweepgrid-ca");
        using var silo = TestCertificates.Leaf(authority, "silo-a");
        using var client = TestCertificates.Leaf(authority, "client-b");
        using var other = TestCertificates.Authority("other-ca");
        using var stranger = TestCertificates.Leaf(other, "client-b");
        _caPath = TestCertificates.WritePem(authority, _temp.Combine("ca.pem"));
        _clientCertificate = TestCertificates.WritePfx(client, _temp.Combine("client-b.pfx"));
        _strangerCertificate = TestCertificates.WritePfx(stranger, _temp.Combine("stranger.pfx"));

        var (environment, cluster) = SiloProcess.OneSlotFake(_temp);
        _cluster = cluster;
        environment["SWEEPGRID_Tls__CertificatePath"] = TestCertificates.WritePfx(silo, _temp.Combine("silo-a.pfx"), "silo-secret");
        environment["SWEEPGRID_Tls__CertificatePassword"] = "silo-secret";
        environment["SWEEPGRID_Tls__CaPath"] = _caPath;
        _silo = await SiloProcess.StartReadyAsync(environment, Patience);
    }

    [Fact]
    public async Task A_client_with_its_own_certificate_from_the_cluster_ca_lists_the_sweeps()
    {
        var list = await ListAsync(_clientCertificate);

        Assert.True(list.ExitCode == 0, $"{list.Stderr}\nsilo:\n{_silo!.Output}");
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(list.Stdout).RootElement.ValueKind);
    }

    [Fact]
    public async Task A_client_with_a_certificate_from_another_ca_is_refused()
    {
        var list = await ListAsync(_strangerCertificate);

        Assert.True(list.ExitCode == 1, $"exit {list.ExitCode}\n{list.Stdout}\n{list.Stderr}");
        Assert.Contains("could not reach", list.Stderr);
        Assert.Contains("do the silos accept this certificate?", list.Stderr);
        Assert.Equal("", list.Stdout.Trim());
    }

    private Task<SweepGridProcess.Outcome> ListAsync(string certificate) =>
        SweepGridProcess.RunAsync(["list", "--cluster", _cluster, "--json"], new Dictionary<string, string>
        {
            ["SWEEPGRID_Tls__CertificatePath"] = certificate,
            ["SWEEPGRID_Tls__CaPath"] = _caPath,
        }, CommandLimit);

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        _temp.Dispose();
    }
}
