using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SweepGrid.Contracts.Nodes;
using SweepGrid.Silo.Settings;
using SweepGrid.Silo.Workers;

namespace SweepGrid.Grains.Tests;

/// <summary>What a silo's heartbeat tells the node registry, and the warning a silo others reach without TLS gives at start.</summary>
public sealed class NodeHeartbeatTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_silo_advertising_a_network_address_without_tls_reports_plaintext_and_warns_naming_the_settings()
    {
        var (node, logger) = await FirstHeartbeatAsync(IPAddress.Parse("10.0.0.12"), new ClusterTlsOptions());

        Assert.True(node.Plaintext);
        Assert.Equal("10.0.0.12:11111", node.Address);
        var warning = Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Warning);
        Assert.Contains("10.0.0.12", warning.Message);
        Assert.Contains("Cluster:AdvertisedAddress", warning.Message);
        Assert.Contains("Tls:CertificatePath", warning.Message);
    }

    [Fact]
    public async Task A_silo_advertising_a_network_address_with_tls_is_not_plaintext()
    {
        var (node, logger) = await FirstHeartbeatAsync(IPAddress.Parse("10.0.0.12"), new ClusterTlsOptions { CertificatePath = "/etc/sweepgrid/silo.pfx" });

        Assert.False(node.Plaintext);
        Assert.DoesNotContain(logger.Entries, entry => entry.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task A_silo_on_loopback_without_tls_is_not_plaintext()
    {
        var (node, logger) = await FirstHeartbeatAsync(IPAddress.Loopback, new ClusterTlsOptions());

        Assert.False(node.Plaintext);
        Assert.DoesNotContain(logger.Entries, entry => entry.Level == LogLevel.Warning);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("10.0.0.12", true)]
    [InlineData("192.168.1.20", true)]
    [InlineData("fd00::12", true)]
    public void Only_an_address_other_than_loopback_without_tls_is_plaintext(string address, bool plaintext)
    {
        Assert.Equal(plaintext, NodeHeartbeatService.IsPlaintext(IPAddress.Parse(address), new ClusterTlsOptions()));
        Assert.False(NodeHeartbeatService.IsPlaintext(IPAddress.Parse(address), new ClusterTlsOptions { CertificatePath = "silo.pfx" }));
    }

    private static async Task<(NodeInfo Node, ListLogger<NodeHeartbeatService> Logger)> FirstHeartbeatAsync(IPAddress advertised, ClusterTlsOptions tls)
    {
        var registry = new RecordingNodeRegistry();
        var logger = new ListLogger<NodeHeartbeatService>();
        var board = new SlotBoard();
        board.Declare(["cpu", "cpu"]);
        using var heartbeat = new NodeHeartbeatService(RegistryOnlyGrainFactory.For<INodeRegistryGrain>(registry), board,
            new FixedSiloDetails("gpu-node-1", advertised), Options.Create(tls), TimeProvider.System, logger);

        await heartbeat.StartAsync(CancellationToken.None);
        try
        {
            var node = await registry.FirstHeartbeat.WaitAsync(Patience);
            Assert.Equal("gpu-node-1", node.Silo);
            Assert.Equal(new DeviceSlots("cpu", 2, 0), Assert.Single(node.Devices));
            return (node, logger);
        }
        finally
        {
            await heartbeat.StopAsync(CancellationToken.None);
        }
    }
}
