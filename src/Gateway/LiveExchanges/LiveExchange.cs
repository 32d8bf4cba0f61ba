using PasskeyGateway.Ceremonies.Revocations;

namespace PasskeyGateway.LiveExchanges;

/// <summary>
/// One proxied exchange that outlives its request's authentication — an open WebSocket or event stream — with what
/// it needs of the token that opened it: the ids a revocation can name, and <c>exp</c>. Ended, it closes a WebSocket
/// with 1008 on both legs where they are between frames (<see cref="WebSocketRelayStream"/>), gives the backend
/// <see cref="CloseGrace"/> to answer and hang up, then aborts the client's connection — an event stream at once —
/// and YARP, whose copying stops with the client's <c>RequestAborted</c>, drops the backend's connection in turn.
/// It is disposed with its <see cref="HttpContext"/>, after which it never touches that context again (Kestrel
/// reuses them).
/// </summary>
internal sealed class LiveExchange : IDisposable
{
    /// <summary>
    /// How long a backend has to answer its close frame and hang up before the exchange is aborted: half of the
    /// second within which an ended exchange must be gone (DESIGN.md, WebSockets and server-sent events), the other
    /// half left for the revocation's way here.
    /// </summary>
    public static readonly TimeSpan CloseGrace = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest a <see cref="TimeProvider"/> timer can wait (about 49 days); a later <c>exp</c> re-arms it.</summary>
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private const int Open = 0;
    private const int Ending = 1;
    private const int Finished = 2;

    private readonly LiveExchangeRegistry _registry;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HttpContext? _context;
    private WebSocketRelayStream? _relay;
    private ITimer? _expiry;
    private int _state;

    public LiveExchange(LiveExchangeRegistry registry, HttpContext context, LiveExchangeKind kind, TokenRevocationKeys? revocationKeys, DateTimeOffset expiresAt, TimeProvider timeProvider)
    {
        _registry = registry;
        _context = context;
        _timeProvider = timeProvider;
        Kind = kind;
        RevocationKeys = revocationKeys;
        ExpiresAt = expiresAt;
    }

    public LiveExchangeKind Kind { get; }

    /// <summary>The ids of a self-issued token; <c>null</c> for an external issuer's, which only expires.</summary>
    public TokenRevocationKeys? RevocationKeys { get; }

    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Ends the exchange at its token's <c>exp</c> (at once if that has passed).</summary>
    public void WatchExpiry()
    {
        var due = ExpiresAt - _timeProvider.GetUtcNow();
        if (due <= TimeSpan.Zero)
        {
            End(LiveExchangeEnd.Expired, revocation: null);
            return;
        }

        _expiry = _timeProvider.CreateTimer(static state => ((LiveExchange)state!).OnExpiryTimer(), this, Min(due, LongestTimer), Timeout.InfiniteTimeSpan);
    }

    /// <summary>Puts a relay between YARP and the client's upgraded stream, so the exchange can close it with frames.</summary>
    public Stream Relay(Stream client)
    {
        var relay = new WebSocketRelayStream(client);
        Volatile.Write(ref _relay, relay);
        return relay;
    }

    /// <summary>Ends the exchange, once, in the background; nothing if it has finished already.</summary>
    public void End(LiveExchangeEnd end, RevocationKind? revocation)
    {
        if (Interlocked.CompareExchange(ref _state, Ending, Open) == Open)
        {
            _ = EndAsync(end, revocation);
        }
    }

    /// <summary>The request is over (the context disposes what was registered with it).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _context = null;
        }

        Volatile.Write(ref _state, Finished);
        _expiry?.Dispose();
        _finished.TrySetResult();
        _registry.Remove(this);
    }

    private async Task EndAsync(LiveExchangeEnd end, RevocationKind? revocation)
    {
        _expiry?.Dispose();
        _registry.Ended(this, end, revocation);
        try
        {
            if (Volatile.Read(ref _relay) is { } relay)
            {
                using var grace = new CancellationTokenSource(CloseGrace, _timeProvider);
                if (await relay.CloseAsync(end, grace.Token))
                {
                    // The backend answers a close frame with its own and hangs up; YARP then ends the exchange itself.
                    await _finished.Task.WaitAsync(grace.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _context?.Abort();
            }
        }
    }

    private void OnExpiryTimer()
    {
        var left = ExpiresAt - _timeProvider.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            _expiry?.Change(Min(left, LongestTimer), Timeout.InfiniteTimeSpan);
            return;
        }

        End(LiveExchangeEnd.Expired, revocation: null);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
