using System.Collections.Concurrent;
using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Observability;

namespace PasskeyGateway.LiveExchanges;

/// <summary>
/// The open WebSockets and event streams of this replica, each with its token's revocation keys and expiry. A token is
/// checked at the upgrade or the stream's request like any other; this makes the check last as long as the exchange
/// (DESIGN.md, WebSockets and server-sent events): whenever the revocation list grows — a revocation made here, one
/// another replica announced, one read from the repository — every open exchange's token is checked again with
/// <see cref="IRevocationList.FindRevocation"/>, the same rule a request meets, and the revoked ones end; each also
/// ends at its token's <c>exp</c>.
/// </summary>
internal sealed partial class LiveExchangeRegistry : IDisposable
{
    private readonly ConcurrentDictionary<LiveExchange, byte> _open = new();
    private readonly IRevocationList _revocations;
    private readonly IRevocationFeed _feed;
    private readonly TimeProvider _timeProvider;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger<LiveExchangeRegistry> _logger;
    private int _checkQueued;

    public LiveExchangeRegistry(IRevocationList revocations, IRevocationFeed feed, TimeProvider timeProvider, GatewayMetrics metrics, ILogger<LiveExchangeRegistry> logger)
    {
        _revocations = revocations;
        _feed = feed;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        feed.RevocationsAdded += OnRevocationsAdded;
    }

    /// <summary>How many exchanges are open.</summary>
    public int Count => _open.Count;

    /// <summary>
    /// Registers the exchange of <paramref name="context"/> when a token authenticated its request (anonymous ones
    /// have nothing to revoke or expire); once per request. Answers it, or <c>null</c> when nothing was registered.
    /// </summary>
    public LiveExchange? Register(HttpContext context, LiveExchangeKind kind)
    {
        if (context.Features.Get<GatewayAuthenticationFeature>()?.Token is not { } token || context.Features.Get<LiveExchange>() is not null)
        {
            return null;
        }

        var exchange = new LiveExchange(this, context, kind, token.RevocationKeys, token.ExpiresAt, _timeProvider);
        context.Features.Set(exchange);
        context.Response.RegisterForDispose(exchange);
        _open.TryAdd(exchange, 0);
        exchange.WatchExpiry();

        // A revocation learned between the token's check and now found nothing to end: look once more.
        Check(exchange);
        return exchange;
    }

    public void Dispose() => _feed.RevocationsAdded -= OnRevocationsAdded;

    internal void Remove(LiveExchange exchange) => _open.TryRemove(exchange, out _);

    internal void Ended(LiveExchange exchange, LiveExchangeEnd end, RevocationKind? revocation)
    {
        _metrics.LiveExchangeEnded(KindName(exchange.Kind), end == LiveExchangeEnd.Revoked ? "revoked" : "expired");
        if (end == LiveExchangeEnd.Revoked)
        {
            Log.Revoked(_logger, exchange.Kind, revocation);
        }
        else
        {
            Log.Expired(_logger, exchange.Kind);
        }
    }

    /// <summary>The list's threads (a revoking request, Redis's subscription, the poller) only queue the check.</summary>
    private void OnRevocationsAdded()
    {
        if (Interlocked.Exchange(ref _checkQueued, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static registry => registry.CheckAll(), this, preferLocal: false);
        }
    }

    private void CheckAll()
    {
        // Cleared first: revocations added while this runs queue another pass, so none is missed.
        Volatile.Write(ref _checkQueued, 0);
        foreach (var (exchange, _) in _open)
        {
            Check(exchange);
        }
    }

    private void Check(LiveExchange exchange)
    {
        if (exchange.RevocationKeys is { } keys && _revocations.FindRevocation(keys) is { } revocation)
        {
            exchange.End(LiveExchangeEnd.Revoked, revocation);
        }
    }

    private static string KindName(LiveExchangeKind kind) => kind switch
    {
        LiveExchangeKind.WebSocket => "websocket",
        LiveExchangeKind.EventStream => "event_stream",
        _ => "upgrade",
    };

    private static partial class Log
    {
        [LoggerMessage(4201, LogLevel.Information, "Ended an open {Kind}: its token was revoked ({Revocation}).")]
        public static partial void Revoked(ILogger logger, LiveExchangeKind kind, RevocationKind? revocation);

        [LoggerMessage(4202, LogLevel.Information, "Ended an open {Kind}: its token expired.")]
        public static partial void Expired(ILogger logger, LiveExchangeKind kind);
    }
}
