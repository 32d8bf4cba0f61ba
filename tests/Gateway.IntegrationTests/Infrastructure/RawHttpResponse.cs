using System.Globalization;
using System.Text;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>An HTTP/1.1 response as it came off the wire: status line, headers in order, body (de-chunked).</summary>
public sealed class RawHttpResponse
{
    private static readonly byte[] EndOfHeaders = "\r\n\r\n"u8.ToArray();

    private RawHttpResponse(string statusLine, int statusCode, IReadOnlyList<KeyValuePair<string, string>> headers, string body)
    {
        StatusLine = statusLine;
        StatusCode = statusCode;
        Headers = headers;
        Body = body;
    }

    public string StatusLine { get; }

    public int StatusCode { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The body as UTF-8 text.</summary>
    public string Body { get; }

    /// <summary>Every value of every header whose name equals <paramref name="name"/> ignoring case.</summary>
    public IReadOnlyList<string> Header(string name) =>
        [.. Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)];

    public override string ToString() =>
        $"{StatusLine}\n{string.Join('\n', Headers.Select(h => $"{h.Key}: {h.Value}"))}\n\n{Body}";

    internal static RawHttpResponse Parse(byte[] received)
    {
        var headerEnd = received.AsSpan().IndexOf(EndOfHeaders);
        if (headerEnd < 0)
        {
            throw new InvalidOperationException($"No complete HTTP response head in what the server sent:\n{Encoding.Latin1.GetString(received)}");
        }

        var lines = Encoding.Latin1.GetString(received, 0, headerEnd).Split("\r\n");
        var statusParts = lines[0].Split(' ', 3);
        if (statusParts.Length < 2 || !int.TryParse(statusParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var statusCode))
        {
            throw new InvalidOperationException($"Not an HTTP status line: {lines[0]}");
        }

        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Select(parts => KeyValuePair.Create(parts[0], parts.Length > 1 ? parts[1].Trim() : string.Empty))
            .ToList();
        var body = received.AsSpan(headerEnd + EndOfHeaders.Length);
        var chunked = headers.Any(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
            && h.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase));
        return new RawHttpResponse(lines[0], statusCode, headers, Encoding.UTF8.GetString(chunked ? Dechunk(body) : body));
    }

    /// <summary>RFC 9112 §7.1: hex size line (extensions ignored), data, CRLF; a zero size ends the body.</summary>
    private static byte[] Dechunk(ReadOnlySpan<byte> chunked)
    {
        var body = new List<byte>();
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                throw new InvalidOperationException("A chunked body ended without its last chunk.");
            }

            var sizeText = Encoding.Latin1.GetString(chunked[..lineEnd]).Split(';', 2)[0].Trim();
            var size = int.Parse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return [.. body];
            }

            body.AddRange(chunked.Slice(lineEnd + 2, size));
            chunked = chunked[(lineEnd + 2 + size + 2)..];
        }
    }
}
