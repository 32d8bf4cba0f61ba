using System.Text;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// How servers other than Kestrel read a raw request target (<c>IHttpRequestFeature.RawTarget</c>): each is Kestrel's
/// reading of a path plus one difference, so where a reading and Kestrel's <c>HttpRequest.Path</c> part, that
/// difference alone is why. Kestrel's reading, as measured on ASP.NET Core 10: percent-escapes decoded as UTF-8 except
/// <c>%2F</c>, which stays as sent (a target that is not valid UTF-8 once decoded stays undecoded); then dot segments
/// resolved (RFC 3986 §5.2.4: <c>..</c> above the root stays at the root, <c>//</c> stays). The readings model the
/// difference, not every habit of the server they are named after: the real Tomcat (TomcatServer) also merges
/// <c>//</c> and refuses <c>..</c> above the root, <c>%2F</c>, <c>%5C</c> and <c>\</c> with 400.
/// </summary>
public static class PathReadings
{
    public static string Read(PathReading reading, string rawTarget) => reading switch
    {
        PathReading.BackslashAsSlash => BackslashAsSlash(rawTarget),
        PathReading.DecodedSlashes => DecodedSlashes(rawTarget),
        PathReading.TomcatStyle => TomcatStyle(rawTarget),
        _ => throw new ArgumentOutOfRangeException(nameof(reading), reading, null),
    };

    /// <summary><c>\</c> and <c>%5C</c> read as <c>/</c>, then dot segments resolved.</summary>
    public static string BackslashAsSlash(string rawTarget) =>
        RemoveDotSegments(Decode(PathOf(rawTarget), decodeSlashes: false).Replace('\\', '/'));

    /// <summary><c>%2F</c> decoded to <c>/</c> with every other escape, then dot segments resolved.</summary>
    public static string DecodedSlashes(string rawTarget) =>
        RemoveDotSegments(Decode(PathOf(rawTarget), decodeSlashes: true));

    /// <summary>
    /// <c>;parameters</c> stripped from every segment of the raw path, then the rest decoded and dot segments
    /// resolved: Tomcat's order (CoyoteAdapter.postParseRequest: parsePathParameters, then the URL decoder, then
    /// normalize), so an encoded <c>%3B</c> is no parameter and <c>%2e%2e;</c> is <c>..</c>.
    /// </summary>
    public static string TomcatStyle(string rawTarget) =>
        RemoveDotSegments(Decode(StripPathParameters(PathOf(rawTarget)), decodeSlashes: false));

    /// <summary>The path of a request target: an origin-form target up to its query, or an absolute-form one's path.</summary>
    internal static string PathOf(string rawTarget)
    {
        var path = rawTarget.Split('?', 2)[0];
        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (path.StartsWith('/') || scheme < 0)
        {
            return path;
        }

        var pathStart = path.IndexOf('/', scheme + 3);
        return pathStart < 0 ? "/" : path[pathStart..];
    }

    /// <summary>Every <c>;</c> and what follows it up to the next <c>/</c> removed.</summary>
    internal static string StripPathParameters(string path)
    {
        var stripped = new StringBuilder(path.Length);
        var inParameters = false;
        foreach (var c in path)
        {
            inParameters = c switch
            {
                ';' => true,
                '/' => false,
                _ => inParameters,
            };
            if (!inParameters)
            {
                stripped.Append(c);
            }
        }

        return stripped.ToString();
    }

    /// <summary>
    /// Percent-escapes decoded as UTF-8, <c>%2F</c> only when <paramref name="decodeSlashes"/>; a path that does not
    /// decode to valid UTF-8 is returned as sent, as Kestrel does.
    /// </summary>
    internal static string Decode(string path, bool decodeSlashes)
    {
        var bytes = new List<byte>(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '%' && i + 2 < path.Length && byte.TryParse(path.AsSpan(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var decoded)
                && (decodeSlashes || decoded != (byte)'/'))
            {
                bytes.Add(decoded);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(path[i].ToString()));
            }
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return path;
        }
    }

    /// <summary>RFC 3986 §5.2.4 on a decoded path: <c>.</c> segments dropped, <c>..</c> drops the segment before it.</summary>
    internal static string RemoveDotSegments(string path)
    {
        if (!path.StartsWith('/'))
        {
            return path;
        }

        var segments = path[1..].Split('/');
        var output = new List<string>(segments.Length);
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment is "." or "..")
            {
                if (segment == ".." && output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }

                if (i == segments.Length - 1)
                {
                    // A final dot segment leaves its folder: "/a/b/.." is "/a/", "/a/." is "/a/".
                    output.Add(string.Empty);
                }
            }
            else
            {
                output.Add(segment);
            }
        }

        return "/" + string.Join('/', output);
    }
}
