using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace PasskeyGateway.ForwardAuth;

/// <summary>
/// Reads the request a proxy describes to <c>/.auth/verify</c> (DESIGN.md §11.6), from exactly one family of headers:
/// <list type="bullet">
/// <item>nginx <c>auth_request</c>, recognised by <c>X-Original-URI</c>: <c>X-Original-URI</c>,
/// <c>X-Original-Method</c>, <c>X-Forwarded-Host</c>;</item>
/// <item>Traefik ForwardAuth and Caddy <c>forward_auth</c>: <c>X-Forwarded-Method</c>, <c>X-Forwarded-Uri</c>,
/// <c>X-Forwarded-Host</c>;</item>
/// <item>Envoy's ext_authz with a <c>path_prefix</c>: <c>/.auth/verify/{path}</c> with its own method and host.</item>
/// </list>
/// <c>X-Forwarded-Proto</c> is read by the forwarded-headers step, like on every request. Anything else is refused,
/// never guessed: a header missing or sent twice, a family mixed with another (a client's own <c>X-Forwarded-Uri</c>
/// passed through by nginx), a URI that is not a path (<c>http://…</c>), a dot segment. A proxy describes what its
/// application will read, so the gateway must not read it more kindly than that application would.
/// </summary>
internal static class DescribedRequestReader
{
    public const string OriginalUri = "X-Original-URI";
    public const string OriginalMethod = "X-Original-Method";
    public const string ForwardedUri = "X-Forwarded-Uri";
    public const string ForwardedMethod = "X-Forwarded-Method";
    public const string ForwardedHost = "X-Forwarded-Host";

    /// <summary>The headers that describe the request rather than belong to it.</summary>
    public static readonly IReadOnlyList<string> Names = [OriginalUri, OriginalMethod, ForwardedUri, ForwardedMethod, ForwardedHost];

    private const int MaxUriLength = 8192;

    /// <summary>RFC 9110 §5.6.2 <c>tchar</c>: the characters of a method.</summary>
    private static readonly SearchValues<char> TokenChars = SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>A host name, an IPv4 address or a bracketed IPv6 address, with an optional port.</summary>
    private static readonly SearchValues<char> HostChars = SearchValues.Create("-.:[]0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public static DescribedRequestReading Read(HttpRequest request, PathString verifyPath)
    {
        var headers = request.Headers;
        if (request.Path.StartsWithSegments(verifyPath, StringComparison.OrdinalIgnoreCase, out var rest) && rest.HasValue)
        {
            return ReadEnvoy(request, verifyPath);
        }

        if (headers.ContainsKey(OriginalUri))
        {
            if (headers.ContainsKey(ForwardedUri) || headers.ContainsKey(ForwardedMethod))
            {
                return DescribedRequestReading.Invalid("The request carries nginx's X-Original-URI and also X-Forwarded-Uri or X-Forwarded-Method: one family of headers describes a request, never two.");
            }

            return Describe(headers, OriginalMethod, ForwardedHost, OriginalUri);
        }

        if (headers.ContainsKey(OriginalMethod))
        {
            return DescribedRequestReading.Invalid("X-Original-Method comes with X-Original-URI (nginx) or not at all.");
        }

        return Describe(headers, ForwardedMethod, ForwardedHost, ForwardedUri);
    }

    /// <summary>Envoy: the method and host are the request's own; the path and query follow the verify path.</summary>
    private static DescribedRequestReading ReadEnvoy(HttpRequest request, PathString verifyPath)
    {
        foreach (var name in Names)
        {
            if (name != ForwardedHost && request.Headers.ContainsKey(name))
            {
                return DescribedRequestReading.Invalid($"A request to {verifyPath}/{{path}} is described by its own method and path; it must not carry {name}.");
            }
        }

        // The raw target, not Kestrel's reading of it: dot segments and escapes are judged as the application would.
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var prefix = verifyPath.Value!;
        if (!raw.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || raw.Length <= prefix.Length || raw[prefix.Length] != '/')
        {
            return DescribedRequestReading.Invalid($"The request target does not start with {prefix}/ as sent.");
        }

        return Parse(request.Method, request.Host.Value, raw[prefix.Length..]);
    }

    private static DescribedRequestReading Describe(IHeaderDictionary headers, string methodHeader, string hostHeader, string uriHeader)
    {
        if (Single(headers, methodHeader) is not { } method)
        {
            return Missing(methodHeader);
        }

        if (Single(headers, hostHeader) is not { } host)
        {
            return Missing(hostHeader);
        }

        return Single(headers, uriHeader) is { } uri ? Parse(method, host, uri) : Missing(uriHeader);
    }

    private static DescribedRequestReading Parse(string method, string? host, string uri)
    {
        if (method.Length is 0 or > 32 || method.AsSpan().ContainsAnyExcept(TokenChars))
        {
            return DescribedRequestReading.Invalid("The described method is not an HTTP method.");
        }

        if (string.IsNullOrEmpty(host) || host.Length > 255 || host.AsSpan().ContainsAnyExcept(HostChars) || new HostString(host).Host.Length == 0)
        {
            return DescribedRequestReading.Invalid("The described host is not a host name with an optional port; a list of hosts is refused.");
        }

        // RFC 9112 §3.2.1 origin-form: a path starting with '/', then an optional query; visible ASCII only.
        if (uri.Length is 0 or > MaxUriLength || uri[0] != '/' || uri.AsSpan().ContainsAnyExceptInRange('\u0021', '\u007e') || uri.Contains('#', StringComparison.Ordinal))
        {
            return DescribedRequestReading.Invalid("The described URI is not a path with an optional query (origin-form): an absolute URI, a fragment or a character outside visible ASCII is refused.");
        }

        var query = uri.IndexOf('?', StringComparison.Ordinal);
        var rawPath = query < 0 ? uri : uri[..query];
        var path = PathString.FromUriComponent(rawPath);
        if (HasDotSegment(path.Value!))
        {
            return DescribedRequestReading.Ambiguous("The described path has a dot segment ('.' or '..'), which the application may resolve to another path than the gateway authorized.");
        }

        return DescribedRequestReading.Of(new DescribedRequest(
            method, new HostString(host), path, query < 0 || query == uri.Length - 1 ? QueryString.Empty : new QueryString(uri[query..])));
    }

    private static bool HasDotSegment(string path)
    {
        foreach (var range in path.AsSpan().Split('/'))
        {
            var segment = path.AsSpan()[range];
            if (segment is "." or "..")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The header's one non-empty value; <c>null</c> when it is missing, empty or sent more than once.</summary>
    private static string? Single(IHeaderDictionary headers, string name)
    {
        StringValues values = headers[name];
        return values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
    }

    private static DescribedRequestReading Missing(string name) =>
        DescribedRequestReading.Invalid($"{name} is missing, empty or sent more than once.");
}
