using SweepGrid.Client.Output;
using SweepGrid.Contracts.Nodes;

namespace SweepGrid.Client.Tests.Output;

public sealed class NodesTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static NodeInfo Node(string silo, string address, bool plaintext) =>
        new(silo, address, [new DeviceSlots("cuda:0", 2, 1), new DeviceSlots("cpu", 1, 0)], T0, T0.AddMinutes(5), plaintext);

    [Fact]
    public void A_silo_reached_without_tls_is_marked_plaintext_on_each_row_and_warned_about_by_name()
    {
        var lines = NodesTable.Lines([Node("gpu-node-1", "10.0.0.12:11111", plaintext: true), Node("gpu-node-2", "10.0.0.13:11111", plaintext: false)]);

        var rows = lines.Where(line => line.StartsWith("gpu-node-1", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.EndsWith("  plaintext", row, StringComparison.Ordinal));
        var warning = Assert.Single(lines, line => line.StartsWith("warning:", StringComparison.Ordinal));
        Assert.Contains("gpu-node-1", warning);
        Assert.Contains("10.0.0.12:11111", warning);
        Assert.Contains("Cluster:AdvertisedAddress", warning);
        Assert.Contains("Tls:CertificatePath", warning);
    }

    [Fact]
    public void A_silo_with_tls_or_on_loopback_has_no_note_and_no_warning()
    {
        var lines = NodesTable.Lines([Node("silo-1", "127.0.0.1:11111", plaintext: false)]);

        Assert.Equal(3, lines.Count);
        Assert.DoesNotContain(lines, line => line.Contains("plaintext", StringComparison.Ordinal) || line.StartsWith("warning:", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("silo-1", StringComparison.Ordinal) && line.Contains("cuda:0", StringComparison.Ordinal) && line.EndsWith("5m 00s", StringComparison.Ordinal));
    }
}
