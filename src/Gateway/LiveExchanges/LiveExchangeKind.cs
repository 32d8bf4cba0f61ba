namespace PasskeyGateway.LiveExchanges;

/// <summary>What kind of exchange outlives its request's authentication: the <c>kind</c> of the metric and log lines.</summary>
internal enum LiveExchangeKind
{
    /// <summary>An HTTP/1.1 <c>Upgrade: websocket</c> or an HTTP/2 extended CONNECT for <c>websocket</c> (RFC 8441).</summary>
    WebSocket,

    /// <summary>Server-sent events: asked for with <c>Accept: text/event-stream</c>, or answered as <c>text/event-stream</c>.</summary>
    EventStream,

    /// <summary>Another protocol YARP relays after a <c>101</c> (SPDY, as <c>kubectl exec</c> speaks it): ended by abort only.</summary>
    Upgrade,
}
