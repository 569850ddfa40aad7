using System.Net;
using System.Net.Sockets;

namespace SweepGrid.Cli.Tests;

public static class LoopbackPorts
{
    /// <summary>Two distinct free loopback ports for a silo process, both held while they are picked.</summary>
    public static (int Silo, int Gateway) TwoFree()
    {
        using var silo = new TcpListener(IPAddress.Loopback, 0);
        using var gateway = new TcpListener(IPAddress.Loopback, 0);
        silo.Start();
        gateway.Start();
        return (((IPEndPoint)silo.LocalEndpoint).Port, ((IPEndPoint)gateway.LocalEndpoint).Port);
    }

    /// <summary>A free loopback port other than <paramref name="taken"/>.</summary>
    public static int OneFree(params int[] taken)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (!taken.Contains(port))
            {
                return port;
            }
        }
    }
}
