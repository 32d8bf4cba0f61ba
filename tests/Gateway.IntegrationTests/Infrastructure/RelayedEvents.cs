using System.Diagnostics;
using System.Net;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A client's server-sent event stream through a gateway to an <see cref="EventStreamBackend"/>, opened with an
/// <c>id</c> of its own under which the backend records when its request was aborted.
/// </summary>
public sealed class RelayedEvents : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private RelayedEvents(HttpResponseMessage response, StreamReader reader, string id)
    {
        _response = response;
        _reader = reader;
        Id = id;
    }

    /// <summary>The <c>id</c> the backend records this stream's end under (<see cref="EventStreamBackend.StreamEndedAsync"/>).</summary>
    public string Id { get; }

    /// <summary>
    /// GETs <paramref name="path"/> with what <paramref name="configure"/> adds (a token, a cookie), asking for an
    /// event stream unless <paramref name="askForEvents"/> is false; the answer must be 200 <c>text/event-stream</c>.
    /// </summary>
    public static async Task<RelayedEvents> OpenAsync(HttpClient client, string path, Action<HttpRequestMessage> configure, bool askForEvents = true)
    {
        var id = UniqueName.For("sse");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?id={id}");
        if (askForEvents)
        {
            request.Headers.Accept.ParseAdd("text/event-stream");
        }

        configure(request);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        return new RelayedEvents(response, reader, id);
    }

    /// <summary>Reads up to the next event's <c>data:</c> line and answers its text; fails if the stream ended.</summary>
    public async Task<string> NextEventAsync()
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        waiting.CancelAfter(TimeSpan.FromSeconds(10));
        while (await _reader.ReadLineAsync(waiting.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return line["data: ".Length..];
            }
        }

        Assert.Fail("The event stream ended.");
        return "";
    }

    /// <summary>Reads, at most <paramref name="timeout"/>, until the stream ends (cleanly or cut); answers when.</summary>
    public async Task<long> EndedAsync(TimeSpan timeout)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        waiting.CancelAfter(timeout);
        try
        {
            while (await _reader.ReadLineAsync(waiting.Token) is not null)
            {
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // Cut: the gateway aborted the connection.
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"The event stream was still open {timeout.TotalSeconds} s later.");
        }

        return Stopwatch.GetTimestamp();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
