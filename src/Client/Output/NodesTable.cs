using SweepGrid.Contracts.Nodes;

namespace SweepGrid.Client.Output;

/// <summary>`sweepgrid nodes` as text: a row per silo and device; a silo others reach without TLS is marked plaintext and explained below.</summary>
public static class NodesTable
{
    public const string PlaintextNote = "plaintext";

    public static IReadOnlyList<string> Lines(IReadOnlyList<NodeInfo> nodes)
    {
        var lines = new List<string> { $"{"SILO",-24}  {"ADDRESS",-21}  {"DEVICE",-8}  {"SLOTS",5}  {"BUSY",4}  {"FREE",4}  {"UP",-8}  NOTE" };
        foreach (var node in nodes)
        {
            var note = node.Plaintext ? PlaintextNote : "";
            foreach (var device in node.Devices.DefaultIfEmpty(new DeviceSlots("-", 0, 0)))
            {
                var up = LiveView.Duration(node.SeenAt - node.StartedAt);
                lines.Add($"{node.Silo,-24}  {node.Address,-21}  {device.Device,-8}  {device.Slots,5}  {device.Busy,4}  {device.Free,4}  {up,-8}  {note}".TrimEnd());
            }
        }

        foreach (var node in nodes.Where(n => n.Plaintext))
        {
            lines.Add($"warning: {node.Silo} is reached at {node.Address} without TLS (Cluster:AdvertisedAddress is not loopback and Tls:CertificatePath is not set): " +
                "anyone on that network can join the cluster or read its traffic; set Tls:CertificatePath on every silo and client");
        }

        return lines;
    }
}
