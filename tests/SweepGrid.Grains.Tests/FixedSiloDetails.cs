using System.Net;

namespace SweepGrid.Grains.Tests;

/// <summary>A silo's identity as Orleans gives it to services, at an address of the test's choosing.</summary>
public sealed class FixedSiloDetails(string name, IPAddress address) : ILocalSiloDetails
{
    public string Name => name;

    public string ClusterId => "sweepgrid";

    public string DnsHostName => name;

    public SiloAddress SiloAddress { get; } = SiloAddress.New(new IPEndPoint(address, 11111), 1);

    public SiloAddress GatewayAddress { get; } = SiloAddress.New(new IPEndPoint(address, 30000), 1);
}
