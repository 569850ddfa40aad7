using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SweepGrid.Silo.Telemetry;

/// <summary>
/// Says once, as the process starts, what is wrong with the OTLP variables, and whether anything listens at each
/// endpoint: the exporters themselves fail silently, in the background, so a mistyped port would otherwise lose all
/// telemetry unnoticed. The probe runs beside the work and never delays it.
/// </summary>
public sealed class OtlpEndpointCheck(OtlpSettings settings, ILogger<OtlpEndpointCheck> logger) : BackgroundService
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        foreach (var problem in settings.Problems)
        {
            logger.LogWarning("{Problem}", problem);
        }

        foreach (var signal in settings.Signals.DistinctBy(s => (s.Endpoint.Host, s.Endpoint.Port)))
        {
            using var probe = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            probe.CancelAfter(ProbeTimeout);
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(signal.Endpoint.Host, signal.Endpoint.Port, probe.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                var why = e is SocketException socket ? socket.Message : $"no answer in {ProbeTimeout.TotalSeconds:0} s";
                logger.LogWarning("Nothing answers at the OTLP endpoint {Endpoint} ({Variable}): {Error}; telemetry sent there is lost, training goes on",
                    signal.Endpoint.GetLeftPart(UriPartial.Authority), signal.Variable, why);
            }
        }
    }
}
