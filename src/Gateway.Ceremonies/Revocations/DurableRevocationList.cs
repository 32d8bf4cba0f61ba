using System.Text.Json;
using Microsoft.Extensions.Hosting;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Redis;
using StackExchange.Redis;

namespace PasskeyGateway.Ceremonies.Revocations;

/// <summary>
/// Revocations as DESIGN.md §7 keeps them: written to the credential repository (durable, nothing forgotten when Redis
/// restarts empty), announced on a Redis channel, and held in memory by every replica, so the per-request check is a
/// local lookup. A revoking request returns once every other live replica acknowledged that it holds the revocation,
/// or after the acknowledgement timeout (<see cref="ReplicaAcknowledgements"/>, DESIGN.md §11.5). Replicas load the
/// unexpired revocations at startup and after Redis reconnects, and re-read the repository every 5 s while Redis is
/// unreachable and every 30 s regardless. A replica that has neither heard Redis nor read the repository for
/// <see cref="RevocationSettings.MaxStaleness"/> is <see cref="IsStale"/>: it may have missed a revocation.
/// Without Redis (one replica) it is the repository and the local table, re-read every 5 s for what the command line
/// (<c>gateway user</c>) revoked, and never stale. Whichever way a revocation arrives, <see cref="RevocationsAdded"/>
/// tells what holds tokens open (WebSockets, event streams) once it is held.
/// </summary>
internal sealed partial class DurableRevocationList : IRevocationList, IRevocationFeed, IHostedService, IDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    private const int SafetyReloadEveryPolls = 6;

    /// <summary>Every hour a replica deletes the expired revocations from the repository (any replica may: it is idempotent).</summary>
    private const int PurgeEveryPolls = 720;

    /// <summary>How far back an incremental reload looks past the last one: replicas' clocks and commits are not instant.</summary>
    private static readonly TimeSpan ReloadOverlap = TimeSpan.FromSeconds(30);

    private readonly InMemoryRevocationList _local;
    private readonly IRevocationRepository _repository;
    private readonly RedisConnection? _redis;
    private readonly ReplicaAcknowledgements? _acknowledgements;
    private readonly RevocationSettings _settings;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DurableRevocationList> _logger;
    private readonly RedisChannel _channel;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private Task? _poller;
    private Task? _heartbeat;
    private DateTimeOffset? _lastReload;
    private volatile bool _subscribed;
    private volatile bool _beating;
    private bool _silenceLogged;

    // When this replica last heard Redis (a heartbeat while subscribed, an announcement) or read the repository:
    // Environment.TickCount64, real time, as the other replicas' waiting is.
    private long _freshAt = Environment.TickCount64;

    public DurableRevocationList(
        IRevocationRepository repository,
        TimeProvider timeProvider,
        ILogger<DurableRevocationList> logger,
        RedisConnection? redis = null,
        RevocationSettings? settings = null)
    {
        _repository = repository;
        _redis = redis;
        _timeProvider = timeProvider;
        _logger = logger;
        _settings = settings ?? new RevocationSettings();
        _local = new InMemoryRevocationList(timeProvider);
        _channel = RedisChannel.Literal($"{redis?.Settings.KeyPrefix ?? "gateway"}:revocations");
        _acknowledgements = redis is null ? null : new ReplicaAcknowledgements(redis, _settings, logger);
    }

    public event Action? RevocationsAdded;

    /// <summary>How many revocations this replica holds.</summary>
    public int Count => _local.Count;

    /// <summary>
    /// With Redis: this replica has neither heard Redis nor read the repository for the maximum staleness, so it may
    /// have missed a revocation that nobody waited for it to hear; authenticated requests are refused until it can.
    /// </summary>
    public bool IsStale => _redis is not null && Environment.TickCount64 - Volatile.Read(ref _freshAt) > (long)_settings.MaxStaleness.TotalMilliseconds;

    public RevocationKind? FindRevocation(in TokenRevocationKeys keys) => _local.FindRevocation(keys);

    public async ValueTask<RevocationDelivery> RevokeAsync(Revocation revocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revocation);

        // Durable first: a revocation that is announced but not stored would be forgotten by the next replica to start.
        await _repository.AddRevocationAsync(revocation, cancellationToken);
        if (_local.Add(revocation))
        {
            OnAdded();
        }

        if (_acknowledgements is null)
        {
            return RevocationDelivery.Local;
        }

        try
        {
            return await _acknowledgements.AnnounceAsync(revocation, _channel, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Stored already: the other replicas read it from the repository while Redis is away, or at their next safety reload.
            Log.PublishFailed(_logger, revocation.Kind, e.GetType().Name);
            return RevocationDelivery.Local;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        if (_redis is not null)
        {
            _redis.ConnectionRestored += OnConnectionRestored;
            await TrySubscribeAsync(cancellationToken);
            _heartbeat = HeartbeatAsync(_stopping.Token);
        }

        _poller = PollAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_poller is not null)
        {
            await _poller.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_heartbeat is not null)
        {
            await _heartbeat.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            try
            {
                await _acknowledgements!.LeaveAsync(cancellationToken);
            }
            catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException or OperationCanceledException)
            {
                // The others stop waiting for this replica 3 s after its last heartbeat anyway.
            }
        }
    }

    public void Dispose()
    {
        if (_redis is not null)
        {
            _redis.ConnectionRestored -= OnConnectionRestored;
        }

        _stopping.Dispose();
        _reloadLock.Dispose();
        _acknowledgements?.Dispose();
    }

    /// <summary>Reads the repository's unexpired revocations into the local table (incrementally after the first time).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloadLock.WaitAsync(cancellationToken);
        try
        {
            var now = _timeProvider.GetUtcNow();
            var revocations = await _repository.ListRevocationsAsync(now, _lastReload - ReloadOverlap, cancellationToken);
            var added = false;
            foreach (var revocation in revocations)
            {
                added |= _local.Add(revocation);
            }

            _lastReload = now;
            Fresh();
            if (added)
            {
                OnAdded();
            }

            Log.Reloaded(_logger, revocations.Count, _local.Count);
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PollInterval, _timeProvider);
        var polls = 0;
        while (await NextTickAsync(timer, cancellationToken))
        {
            polls++;
            try
            {
                if (_redis is not null && !_subscribed)
                {
                    await TrySubscribeAsync(cancellationToken);
                }

                // Without Redis nothing announces a revocation another process wrote (`gateway user set --disable`):
                // the repository is read every poll instead, an indexed look at the last few seconds.
                var redisAway = _redis is null || !_redis.IsConnected || !_subscribed || !_beating;
                if (redisAway || polls % SafetyReloadEveryPolls == 0)
                {
                    await ReloadAsync(cancellationToken);
                }

                _local.RemoveExpired();
                if (polls % PurgeEveryPolls == 0)
                {
                    Log.Purged(_logger, await _repository.PurgeExpiredRevocationsAsync(_timeProvider.GetUtcNow(), cancellationToken));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The repository may be briefly unreachable too; the next tick tries again.
                Log.PollFailed(_logger, e.GetType().Name, e.Message);
            }
        }
    }

    /// <summary>
    /// Heartbeats every second while subscribed (a replica that cannot hear announcements must not be waited for).
    /// After a silence longer than the liveness window the other replicas stopped waiting for this one, so it reads
    /// the repository before it says "live" again.
    /// </summary>
    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ReplicaAcknowledgements.HeartbeatInterval);
        var lastBeat = Environment.TickCount64;
        do
        {
            try
            {
                if (!_subscribed)
                {
                    await TrySubscribeAsync(cancellationToken);
                }

                if (!_subscribed)
                {
                    Silent("not subscribed");
                    continue;
                }

                if (Environment.TickCount64 - lastBeat > (long)ReplicaAcknowledgements.LivenessWindow.TotalMilliseconds)
                {
                    await TryReloadAsync(cancellationToken);
                }

                await _acknowledgements!.ListenAsync(cancellationToken);
                await _acknowledgements.BeatAsync(cancellationToken);
                lastBeat = Environment.TickCount64;
                Fresh();
                if (!_beating)
                {
                    _beating = true;
                    _silenceLogged = false;
                    Log.Beating(_logger, _acknowledgements.ReplicaId);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Silent(e.GetType().Name);
            }
        }
        while (await NextTickAsync(timer, cancellationToken));
    }

    private void Silent(string reason)
    {
        if (_beating || !_silenceLogged)
        {
            _beating = false;
            _silenceLogged = true;
            Log.HeartbeatFailed(_logger, reason);
        }
    }

    private void Fresh() => Volatile.Write(ref _freshAt, Environment.TickCount64);

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task TrySubscribeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var subscriber = await _redis!.GetSubscriberAsync(cancellationToken);
            await _redis.Bounded(subscriber.SubscribeAsync(_channel, (_, message) => OnMessage(message)), cancellationToken);
            _subscribed = true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Log.SubscribeFailed(_logger, e.GetType().Name);
        }
    }

    private void OnMessage(RedisValue message)
    {
        try
        {
            if (JsonSerializer.Deserialize((byte[])message!, RevocationJsonContext.Default.RevocationMessage) is not { } announced)
            {
                return;
            }

            Fresh();
            if (_local.Add(announced.ToRevocation()))
            {
                OnAdded();
            }

            // Held (now or already): only then may the announcer be told so.
            _ = _acknowledgements!.AcknowledgeAsync(announced);
        }
        catch (JsonException)
        {
            Log.BadMessage(_logger);
        }
    }

    /// <summary>
    /// Tells the listeners; one that throws is logged and the others still hear: the revocation is held either way,
    /// and a revoking request must not fail because of what listens to it.
    /// </summary>
    private void OnAdded()
    {
        if (RevocationsAdded is not { } listeners)
        {
            return;
        }

        foreach (var listener in listeners.GetInvocationList().Cast<Action>())
        {
            try
            {
                listener();
            }
            catch (Exception e)
            {
                Log.ListenerFailed(_logger, e.GetType().Name, e.Message);
            }
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) =>
        // Revocations made by other replicas while this one could not hear them are in the repository.
        _ = Task.Run(() => TryReloadAsync(_stopping.Token));

    /// <summary>A reload whose failure is logged, not thrown: the poller tries again at its next tick.</summary>
    private async Task TryReloadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReloadAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.PollFailed(_logger, exception.GetType().Name, exception.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(5201, LogLevel.Debug, "Loaded {Loaded} revocation(s) from the repository; {Held} held.")]
        public static partial void Reloaded(ILogger logger, int loaded, int held);

        [LoggerMessage(5202, LogLevel.Warning, "Could not announce a {Kind} revocation on Redis ({Error}); replicas will read it from the repository.")]
        public static partial void PublishFailed(ILogger logger, RevocationKind kind, string error);

        [LoggerMessage(5203, LogLevel.Warning, "Could not subscribe to revocations on Redis ({Error}); reading them from the repository every 5 s until it can.")]
        public static partial void SubscribeFailed(ILogger logger, string error);

        [LoggerMessage(5204, LogLevel.Warning, "Reading revocations from the repository failed ({Error}: {Message}); retrying at the next tick.")]
        public static partial void PollFailed(ILogger logger, string error, string message);

        [LoggerMessage(5205, LogLevel.Warning, "Ignored a revocation announcement that is not valid JSON.")]
        public static partial void BadMessage(ILogger logger);

        [LoggerMessage(5206, LogLevel.Debug, "Deleted {Purged} expired revocation(s) from the repository.")]
        public static partial void Purged(ILogger logger, int purged);

        [LoggerMessage(5211, LogLevel.Information, "Heartbeating as replica {Replica}: revoking requests on other replicas wait for this one's acknowledgements.")]
        public static partial void Beating(ILogger logger, string replica);

        [LoggerMessage(5212, LogLevel.Warning, "Could not heartbeat on Redis ({Error}); other replicas stop waiting for this one, and it reads revocations from the repository every 5 s until it can.")]
        public static partial void HeartbeatFailed(ILogger logger, string error);

        [LoggerMessage(5207, LogLevel.Error, "A listener to new revocations failed ({Error}: {Message}); the revocation is held all the same.")]
        public static partial void ListenerFailed(ILogger logger, string error, string message);
    }
}
