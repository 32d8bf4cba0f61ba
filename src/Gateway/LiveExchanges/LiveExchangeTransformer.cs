using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;

namespace PasskeyGateway.LiveExchanges;

/// <summary>
/// A route's transformer with the <see cref="LiveExchangeRegistry"/> in front: it registers, as YARP forwards them,
/// the exchanges that outlive their request's authentication — a WebSocket (HTTP/1.1 Upgrade or HTTP/2 extended
/// CONNECT) or another protocol YARP relays after a <c>101</c>, an event stream asked for (<c>Accept:
/// text/event-stream</c>) or answered (<c>Content-Type: text/event-stream</c>, as fetch-based clients get without
/// asking). A transformer rather than a middleware because only it sees the backend's answer before YARP copies it;
/// a wrapper rather than a response transform because YARP makes a context object per response for those, and an
/// ordinary request must cost no allocation: here it costs a few feature and header reads.
/// </summary>
internal sealed class LiveExchangeTransformer(HttpTransformer inner, Lazy<LiveExchangeRegistry> registry) : HttpTransformer
{
    public override ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        RegisterRequest(httpContext);
        return inner.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
    }

    public override ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is { StatusCode: HttpStatusCode.OK } && IsEventStream(proxyResponse.Content.Headers))
        {
            registry.Value.Register(httpContext, LiveExchangeKind.EventStream);
        }

        return inner.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
    }

    public override ValueTask TransformResponseTrailersAsync(HttpContext httpContext, HttpResponseMessage proxyResponse, CancellationToken cancellationToken) =>
        inner.TransformResponseTrailersAsync(httpContext, proxyResponse, cancellationToken);

    /// <summary>
    /// The upgrades YARP relays (its own test: <c>Upgrade: websocket</c> or <c>SPDY/…</c>, or an extended CONNECT for
    /// <c>websocket</c>), and requests for an event stream. A WebSocket gets its relay stream, so it can be closed
    /// with frames; YARP may build a request twice (an HTTP/2 destination refusing, retried on HTTP/1.1), and the
    /// registry registers a request once.
    /// </summary>
    private void RegisterRequest(HttpContext context)
    {
        if (context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade)
        {
            var protocol = context.Request.Headers.Upgrade.ToString();
            if (string.Equals(protocol, "websocket", StringComparison.OrdinalIgnoreCase))
            {
                if (registry.Value.Register(context, LiveExchangeKind.WebSocket) is { } exchange)
                {
                    context.Features.Set<IHttpUpgradeFeature>(new WebSocketUpgradeFeature(upgrade, exchange));
                }
            }
            else if (protocol.StartsWith("SPDY/", StringComparison.OrdinalIgnoreCase))
            {
                registry.Value.Register(context, LiveExchangeKind.Upgrade);
            }

            return;
        }

        if (context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect)
        {
            if (string.Equals(connect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase)
                && registry.Value.Register(context, LiveExchangeKind.WebSocket) is { } exchange)
            {
                context.Features.Set<IHttpExtendedConnectFeature>(new WebSocketConnectFeature(connect, exchange));
            }

            return;
        }

        foreach (var accept in context.Request.Headers.Accept)
        {
            if (accept is not null && accept.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                registry.Value.Register(context, LiveExchangeKind.EventStream);
                return;
            }
        }
    }

    /// <summary>Read without parsing (<c>NonValidated</c>), which allocates nothing: YARP copies the headers the same way.</summary>
    private static bool IsEventStream(HttpContentHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues(HeaderNames.ContentType, out var values))
        {
            return false;
        }

        foreach (var value in values)
        {
            if (value.AsSpan().TrimStart().StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
