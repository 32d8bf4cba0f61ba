using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Transforms;

namespace PasskeyGateway.Proxy;

/// <summary>
/// On a route with <c>"Gateway.PathCheck": "off"</c> (the only routes it is added to), forwards the path exactly as the client encoded it — so an
/// encoded slash reaches the backend as <c>%2F</c>, not re-encoded as <c>%252F</c> — as long as it is the path the
/// gateway authorized: the client's path, decoded as Kestrel decodes it, must equal <see cref="HttpRequest.Path"/>
/// (no dot segment was resolved away). Otherwise YARP's own encoding of the authorized path is forwarded.
/// </summary>
internal sealed class RawPathTransform : RequestTransform
{
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var http = context.HttpContext;
        if (http.Features.Get<IHttpRequestFeature>()?.RawTarget is not { Length: > 0 } rawTarget
            || rawTarget[0] != '/')
        {
            return ValueTask.CompletedTask;
        }

        var rawPath = rawTarget.Split('?', 2)[0];
        if (rawPath.Contains("%2F", StringComparison.OrdinalIgnoreCase)
            && string.Equals(KestrelDecode(rawPath), http.Request.Path.Value, StringComparison.Ordinal)
            && context.Path == http.Request.Path)
        {
            // YARP uses a RequestUri a transform sets instead of composing its own from the (decoded) path.
            context.ProxyRequest.RequestUri = new Uri(context.DestinationPrefix.TrimEnd('/') + rawPath + context.Query.QueryString.Value, UriKind.Absolute);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Every percent-escape decoded as UTF-8 but <c>%2F</c>, as Kestrel reads a path.</summary>
    private static string KestrelDecode(string rawPath)
    {
        var parts = System.Text.RegularExpressions.Regex.Split(rawPath, "(%2[Ff])");
        for (var i = 0; i < parts.Length; i += 2)
        {
            parts[i] = Uri.UnescapeDataString(parts[i]);
        }

        return string.Concat(parts);
    }
}
