using System.Net.Sockets;
using System.Text;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// Sends a request as exact bytes over a TCP connection and reads the whole answer, for request targets that
/// HttpClient would rewrite before sending (System.Uri resolves <c>..</c> and <c>.</c>, turns <c>\</c> into <c>/</c>
/// and unescapes some escapes): the ambiguous paths a client can still put on the wire.
/// </summary>
public static class RawHttp
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Sends <c>METHOD target HTTP/1.1</c> with <c>Host</c> (the server's authority), <paramref name="headers"/> in
    /// order and <c>Connection: close</c>, each character as one byte (Latin-1): percent-encode anything else.
    /// </summary>
    public static Task<RawHttpResponse> SendAsync(Uri server, string requestTarget, string method = "GET", params IEnumerable<(string Name, string Value)> headers)
    {
        var request = new StringBuilder();
        request.Append(method).Append(' ').Append(requestTarget).Append(" HTTP/1.1\r\n");
        request.Append("Host: ").Append(server.Authority).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            request.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        request.Append("Connection: close\r\n\r\n");
        return SendAsync(server, Encoding.Latin1.GetBytes(request.ToString()));
    }

    /// <summary>
    /// Sends <paramref name="request"/> as it is and reads until the server closes the connection: the request must
    /// ask for that (<c>Connection: close</c>) or be one the server refuses.
    /// </summary>
    public static async Task<RawHttpResponse> SendAsync(Uri server, ReadOnlyMemory<byte> request)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(request, timeout.Token);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, timeout.Token);
        return RawHttpResponse.Parse(received.ToArray());
    }
}
