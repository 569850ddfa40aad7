namespace SweepGrid.Cli.Tests.Dashboard;

/// <summary>Reads a text/event-stream response message by message, as EventSource does (event, id, data).</summary>
public sealed class ServerSentEvents(StreamReader reader)
{
    public sealed record Message(string Event, string? Id, string Data);

    public static async Task<ServerSentEvents> OpenAsync(HttpClient http, string url, string? lastEventId, CancellationToken cancellation)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new ServerSentEvents(new StreamReader(await response.Content.ReadAsStreamAsync(cancellation)));
    }

    /// <summary>The next message with data (comments and the retry line are skipped); null when the stream ends.</summary>
    public async Task<Message?> NextAsync(CancellationToken cancellation)
    {
        string kind = "message", data = "";
        string? id = null;
        while (await reader.ReadLineAsync(cancellation) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    return new Message(kind, id, data);
                }

                (kind, id) = ("message", null);
                continue;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line["event: ".Length..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line["id: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data += line["data: ".Length..];
            }
        }

        return null;
    }
}
