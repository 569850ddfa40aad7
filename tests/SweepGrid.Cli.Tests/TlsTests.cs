using System.Text.Json;
using SweepGrid.TestData;

namespace SweepGrid.Cli.Tests;

/// <summary>A silo process with Tls:CertificatePath set: only a client presenting the cluster certificate gets in.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(60);
    private readonly TempFolder _temp = new("sweepgrid-tls");
    private RunningProcess? _silo;
    private string _cluster = "";
    private string _clusterCertificate = "";

    public async Task InitializeAsync()
    {
        _clusterCertificate = WriteSelfSignedPfx("cluster.pfx", "sweepgrid-cluster", "cluster-secret");
        var (silo, cluster) = SiloProcess.OneSlotFake(_temp);
        _cluster = cluster;
        silo["SWEEPGRID_Tls__CertificatePath"] = _clusterCertificate;
        silo["SWEEPGRID_Tls__CertificatePassword"] = "cluster-secret";
        _silo = await SiloProcess.StartReadyAsync(silo, Patience);
    }

    [Fact]
    public async Task A_client_with_the_cluster_certificate_lists_the_sweeps()
    {
        var list = await ListAsync(new Dictionary<string, string>
        {
            ["SWEEPGRID_Tls__CertificatePath"] = _clusterCertificate,
            ["SWEEPGRID_Tls__CertificatePassword"] = "cluster-secret",
        });

        Assert.True(list.ExitCode == 0, $"{list.Stderr}\nsilo:\n{_silo!.Output}");
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(list.Stdout).RootElement.ValueKind);
    }

    [Fact]
    public async Task A_client_with_another_certificate_is_refused_with_a_readable_message()
    {
        var stranger = WriteSelfSignedPfx("stranger.pfx", "sweepgrid-cluster", password: null);

        var list = await ListAsync(new Dictionary<string, string> { ["SWEEPGRID_Tls__CertificatePath"] = stranger });

        AssertRefused(list);
        Assert.Contains("do the silos accept this certificate?", list.Stderr);
    }

    [Fact]
    public async Task A_client_without_a_certificate_is_refused_with_a_readable_message()
    {
        var list = await ListAsync(new Dictionary<string, string>());

        AssertRefused(list);
    }

    private Task<SweepGridProcess.Outcome> ListAsync(Dictionary<string, string> environment) =>
        SweepGridProcess.RunAsync(["list", "--cluster", _cluster, "--json"], environment, CommandLimit);

    private static void AssertRefused(SweepGridProcess.Outcome list)
    {
        Assert.True(list.ExitCode == 1, $"exit {list.ExitCode}\n{list.Stdout}\n{list.Stderr}");
        Assert.Contains("could not reach", list.Stderr);
        Assert.DoesNotContain("   at ", list.Stderr);
        Assert.Equal("", list.Stdout.Trim());
    }

    /// <summary>A self-signed certificate for server and client authentication, with its key, as a PFX file in the temp folder.</summary>
    private string WriteSelfSignedPfx(string fileName, string subject, string? password)
    {
        using var certificate = TestCertificates.SelfSigned(subject);
        return TestCertificates.WritePfx(certificate, _temp.Combine(fileName), password);
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        _temp.Dispose();
    }
}
