using System.IO.Compression;
using System.Net;
using System.Net.Sockets;

namespace SweepGrid.Cli.Tests.Otlp;

/// <summary>
/// A stand-in OpenTelemetry collector: OTLP/HTTP with protobuf bodies on a free loopback port (POST /v1/traces,
/// /v1/metrics, /v1/logs), keeping what it receives for the test to read; stopped on dispose.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Lock _gate = new();
    private readonly List<OtlpSpan> _spans = [];
    private readonly List<OtlpMetric> _metrics = [];
    private readonly List<OtlpLogRecord> _logs = [];
    private readonly List<string> _rejected = [];
    private readonly Task _serving;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public OtlpReceiver()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Serve();
    }

    public int Port { get; }

    /// <summary>What a process is given to export here (OTEL_EXPORTER_OTLP_ENDPOINT and _PROTOCOL).</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{Port}",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
    };

    /// <summary>Requests that were not a known signal's path, or whose body did not read: each should be none.</summary>
    public IReadOnlyList<string> Rejected => Snapshot(_rejected);

    public IReadOnlyList<OtlpSpan> Spans => Snapshot(_spans);

    public IReadOnlyList<OtlpMetric> Metrics => Snapshot(_metrics);

    public IReadOnlyList<OtlpLogRecord> Logs => Snapshot(_logs);

    /// <summary>Waits until what has arrived satisfies the condition; fails with a count of what did when it does not in time.</summary>
    public async Task WaitUntilAsync(Func<OtlpReceiver, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            if (condition(this))
            {
                return;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{what}: not within {timeout.TotalSeconds} s; received {Spans.Count} spans, {Metrics.Count} metrics, {Logs.Count} log records");
            }

            try
            {
                await changed.WaitAsync(left);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await Receive(context);
        }
    }

    private async Task Receive(HttpListenerContext context)
    {
        var path = context.Request.Url?.AbsolutePath ?? "";
        try
        {
            using var body = new MemoryStream();
            var input = context.Request.Headers["Content-Encoding"] == "gzip" ? new GZipStream(context.Request.InputStream, CompressionMode.Decompress) : context.Request.InputStream;
            await input.CopyToAsync(body);
            var request = new ProtoMessage(body.ToArray());
            lock (_gate)
            {
                switch (path)
                {
                    case "/v1/traces":
                        _spans.AddRange(OtlpSpan.Read(request));
                        break;
                    case "/v1/metrics":
                        _metrics.AddRange(OtlpMetric.Read(request));
                        break;
                    case "/v1/logs":
                        _logs.AddRange(OtlpLogRecord.Read(request));
                        break;
                    default:
                        _rejected.Add($"POST {path}");
                        break;
                }

                _changed.TrySetResult();
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException or InvalidDataException)
        {
            lock (_gate)
            {
                _rejected.Add($"POST {path}: {e.Message}");
            }

            context.Response.StatusCode = 400;
        }

        context.Response.Close();
    }

    private List<T> Snapshot<T>(List<T> items)
    {
        lock (_gate)
        {
            return [.. items];
        }
    }
}
