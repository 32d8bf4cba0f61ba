using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A client's WebSocket through a gateway to an <see cref="EchoBackend"/>, opened with an <c>id</c> of its own under
/// which the backend records how its side ended.
/// </summary>
public sealed class RelayedWebSocket : IDisposable
{
    private RelayedWebSocket(ClientWebSocket socket, string id)
    {
        Socket = socket;
        Id = id;
    }

    public ClientWebSocket Socket { get; }

    /// <summary>The <c>id</c> the backend records this socket's end under (<see cref="EchoBackend.WebSocketEndedAsync"/>).</summary>
    public string Id { get; }

    /// <summary>
    /// Opens <paramref name="path"/> on <paramref name="gateway"/> (ws:// on its http address) with what
    /// <paramref name="configure"/> sets (a cookie and an Origin, or an Authorization header); the handshake must succeed.
    /// </summary>
    public static async Task<RelayedWebSocket> OpenAsync(Uri gateway, string path, Action<ClientWebSocketOptions> configure, HttpMessageInvoker? invoker = null)
    {
        var id = UniqueName.For("ws");
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure(socket.Options);
        var uri = new UriBuilder(new Uri(gateway, $"{path}?id={id}")) { Scheme = "ws" }.Uri;
        try
        {
            await socket.ConnectAsync(uri, invoker, TestContext.Current.CancellationToken);
        }
        catch (WebSocketException e)
        {
            socket.Dispose();
            throw new InvalidOperationException($"The WebSocket handshake for {path} was answered {(int)socket.HttpStatusCode}.", e);
        }

        return new RelayedWebSocket(socket, id);
    }

    /// <summary>Sends <paramref name="message"/> and answers what came back (the echo).</summary>
    public async Task<string> EchoAsync(string message)
    {
        var cancellation = TestContext.Current.CancellationToken;
        await Socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, cancellation);
        var buffer = new byte[1024];
        var received = await Socket.ReceiveAsync(buffer, cancellation);
        Assert.Equal(WebSocketMessageType.Text, received.MessageType);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }

    /// <summary>
    /// Waits, at most <paramref name="timeout"/>, for the socket to end from the other side: answers when, and the
    /// close status if a close frame came first (<c>null</c>: the connection was cut).
    /// </summary>
    public async Task<BackendEnding> EndedAsync(TimeSpan timeout)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        waiting.CancelAfter(timeout);
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                var received = await Socket.ReceiveAsync(buffer, waiting.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return new BackendEnding(Stopwatch.GetTimestamp(), received.CloseStatus);
                }
            }
        }
        catch (WebSocketException)
        {
            return new BackendEnding(Stopwatch.GetTimestamp(), CloseStatus: null);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"The WebSocket was still open {timeout.TotalSeconds} s later.");
            throw;
        }
    }

    /// <summary>Whether the handshake was answered as expected (101 over HTTP/1.1, 200 over HTTP/2).</summary>
    public HttpStatusCode HandshakeStatus => Socket.HttpStatusCode;

    public void Dispose() => Socket.Dispose();
}
