using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using PasskeyGateway.Ceremonies.Redis;
using StackExchange.Redis;

namespace PasskeyGateway.Ceremonies.Revocations;

/// <summary>
/// Which replicas are live, and their acknowledgements of revocation announcements (DESIGN.md §11.5, §11.6). Every
/// replica heartbeats into a sorted set every second (member: its id, score: Redis's clock in milliseconds); the ones
/// seen in the last 3 s are live. A replica announcing a revocation asks Redis for the live ones before it publishes,
/// then waits until each has said, on the announcer's own channel, that it holds the revocation. Redis's clock, not
/// the replicas': a replica whose clock is off neither lingers nor vanishes. The heartbeats, not <c>PUBLISH</c>'s
/// receiver count: that count includes half-open connections and misses a replica cut off from Redis's pub/sub alone.
/// </summary>
internal sealed partial class ReplicaAcknowledgements : IDisposable
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    /// <summary>A replica whose last heartbeat is older than this is not waited for.</summary>
    public static readonly TimeSpan LivenessWindow = TimeSpan.FromSeconds(3);

    /// <summary>Heartbeats older than this are deleted, so the set holds the replicas of the last minute.</summary>
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(1);

    private const int MaxIdLength = 128;

    private readonly RedisConnection _redis;
    private readonly RevocationSettings _settings;
    private readonly ILogger _logger;
    private readonly RedisKey _replicasKey;
    private readonly string _acknowledgementChannelPrefix;
    private readonly ConcurrentDictionary<string, PendingAnnouncement> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _listenLock = new(1, 1);
    private volatile bool _listening;

    public ReplicaAcknowledgements(RedisConnection redis, RevocationSettings settings, ILogger logger)
    {
        _redis = redis;
        _settings = settings;
        _logger = logger;
        _replicasKey = $"{redis.Settings.KeyPrefix}:replicas";
        _acknowledgementChannelPrefix = $"{redis.Settings.KeyPrefix}:revocation-acks:";
        ReplicaId = NewReplicaId();
    }

    /// <summary>This process's name among the replicas: host, process and a random part (a restarted pod is a new replica).</summary>
    public string ReplicaId { get; }

    /// <summary>Says "live" for the next <see cref="LivenessWindow"/>, and forgets replicas silent for a minute.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        var database = await _redis.GetDatabaseAsync(cancellationToken);
        var now = ReadMilliseconds(await _redis.Bounded(database.ExecuteAsync("TIME"), cancellationToken));
        var batch = database.CreateBatch();
        var beat = batch.SortedSetAddAsync(_replicasKey, ReplicaId, now);
        var forget = batch.SortedSetRemoveRangeByScoreAsync(_replicasKey, double.NegativeInfinity, now - ForgetAfter.TotalMilliseconds);
        batch.Execute();
        await _redis.Bounded(Task.WhenAll(beat, forget), cancellationToken);
    }

    /// <summary>Leaves the set at shutdown, so no revoking request waits for a replica that is gone.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        var database = await _redis.GetDatabaseAsync(cancellationToken);
        await _redis.Bounded(database.SortedSetRemoveAsync(_replicasKey, ReplicaId), cancellationToken);
    }

    /// <summary>Subscribes to this replica's acknowledgement channel, once; announcing does it too if it has not happened.</summary>
    public async Task ListenAsync(CancellationToken cancellationToken)
    {
        if (_listening)
        {
            return;
        }

        await _listenLock.WaitAsync(cancellationToken);
        try
        {
            if (!_listening)
            {
                var subscriber = await _redis.GetSubscriberAsync(cancellationToken);
                await _redis.Bounded(subscriber.SubscribeAsync(AcknowledgementChannel(ReplicaId), (_, message) => OnAcknowledgement(message)), cancellationToken);
                _listening = true;
            }
        }
        finally
        {
            _listenLock.Release();
        }
    }

    /// <summary>
    /// Publishes <paramref name="revocation"/> on <paramref name="channel"/> and waits until every other live replica
    /// acknowledged it, at most the acknowledgement timeout; throws what Redis throws when it cannot announce at all.
    /// Not knowing whom to wait for does not stop the announcement: it is published all the same, unawaited.
    /// </summary>
    public async Task<RevocationDelivery> AnnounceAsync(Revocation revocation, RedisChannel channel, CancellationToken cancellationToken)
    {
        IReadOnlyCollection<string> awaited;
        try
        {
            await ListenAsync(cancellationToken);
            awaited = await OtherLiveReplicasAsync(cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Log.Unawaited(_logger, revocation.Kind, e.GetType().Name);
            awaited = [];
        }

        var announcement = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var pending = new PendingAnnouncement(awaited);
        if (awaited.Count > 0)
        {
            // Registered before publishing: an acknowledgement can arrive before PUBLISH's own answer does.
            _pending[announcement] = pending;
        }

        try
        {
            var message = JsonSerializer.SerializeToUtf8Bytes(RevocationMessage.From(revocation, announcement, ReplicaId), RevocationJsonContext.Default.RevocationMessage);
            var subscriber = await _redis.GetSubscriberAsync(cancellationToken);
            await _redis.Bounded(subscriber.PublishAsync(channel, message), cancellationToken);
            if (awaited.Count == 0)
            {
                return RevocationDelivery.Local;
            }

            await pending.AllAcknowledged.WaitAsync(_settings.AcknowledgementTimeout, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
            var late = pending.Missing();
            if (late.Count > 0)
            {
                Log.Late(_logger, revocation.Kind, late.Count, awaited.Count, _settings.AcknowledgementTimeout, string.Join(", ", late));
            }

            return new RevocationDelivery(awaited.Count, late.Count);
        }
        finally
        {
            _pending.TryRemove(announcement, out _);
        }
    }

    /// <summary>
    /// Tells the announcer that this replica holds its revocation. Called only once the revocation is in the local
    /// table: the acknowledgement is the promise that this replica's next request refuses the token.
    /// </summary>
    public async Task AcknowledgeAsync(RevocationMessage message)
    {
        if (message is not { Announcement: { Length: > 0 and <= MaxIdLength } announcement, Replica: { } announcer }
            || announcer == ReplicaId
            || !IsReplicaId(announcer))
        {
            return;
        }

        try
        {
            var subscriber = await _redis.GetSubscriberAsync(CancellationToken.None);
            var acknowledgement = JsonSerializer.SerializeToUtf8Bytes(new RevocationAcknowledgement(announcement, ReplicaId), RevocationJsonContext.Default.RevocationAcknowledgement);
            await subscriber.PublishAsync(AcknowledgementChannel(announcer), acknowledgement, CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            // The announcer counts this replica late; it holds the revocation all the same.
            Log.AcknowledgeFailed(_logger, e.GetType().Name);
        }
    }

    public void Dispose() => _listenLock.Dispose();

    private async Task<IReadOnlyCollection<string>> OtherLiveReplicasAsync(CancellationToken cancellationToken)
    {
        var database = await _redis.GetDatabaseAsync(cancellationToken);
        var batch = database.CreateBatch();
        var time = batch.ExecuteAsync("TIME");
        var replicas = batch.SortedSetRangeByRankWithScoresAsync(_replicasKey);
        batch.Execute();
        await _redis.Bounded(Task.WhenAll(time, replicas), cancellationToken);

        var liveSince = ReadMilliseconds(await time) - LivenessWindow.TotalMilliseconds;
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var replica in await replicas)
        {
            if (replica.Score >= liveSince && (string?)replica.Element is { } id && id != ReplicaId)
            {
                live.Add(id);
            }
        }

        return live;
    }

    private void OnAcknowledgement(RedisValue message)
    {
        try
        {
            if (JsonSerializer.Deserialize((byte[])message!, RevocationJsonContext.Default.RevocationAcknowledgement) is { } acknowledgement
                && _pending.TryGetValue(acknowledgement.Announcement, out var pending))
            {
                pending.Acknowledge(acknowledgement.Replica);
            }
        }
        catch (JsonException)
        {
            Log.BadAcknowledgement(_logger);
        }
    }

    private RedisChannel AcknowledgementChannel(string replica) => RedisChannel.Literal(_acknowledgementChannelPrefix + replica);

    /// <summary>Redis's <c>TIME</c> (seconds, microseconds) in milliseconds.</summary>
    private static double ReadMilliseconds(RedisResult time)
    {
        var parts = (RedisResult[])time!;
        return (long)parts[0] * 1000d + (long)parts[1] / 1000d;
    }

    private static string NewReplicaId()
    {
        var host = new string([.. Environment.MachineName.Where(IsIdChar).Take(64)]);
        return $"{(host.Length > 0 ? host : "replica")}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
    }

    /// <summary>A name a replica could have given itself: it becomes part of a channel name.</summary>
    private static bool IsReplicaId(string value) => value.Length is > 0 and <= MaxIdLength && value.All(IsIdChar);

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_';

    /// <summary>The replicas an announcement still waits for.</summary>
    private sealed class PendingAnnouncement(IReadOnlyCollection<string> awaited)
    {
        private readonly HashSet<string> _missing = new(awaited, StringComparer.Ordinal);
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task AllAcknowledged => _all.Task;

        public void Acknowledge(string replica)
        {
            lock (_missing)
            {
                if (_missing.Remove(replica) && _missing.Count == 0)
                {
                    _all.TrySetResult();
                }
            }
        }

        public List<string> Missing()
        {
            lock (_missing)
            {
                return [.. _missing];
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(5208, LogLevel.Warning, "A {Kind} revocation was not acknowledged by {Late} of {Awaited} other live replica(s) within {Timeout}; answered anyway. Late: {Replicas}.")]
        public static partial void Late(ILogger logger, RevocationKind kind, int late, int awaited, TimeSpan timeout, string replicas);

        [LoggerMessage(5209, LogLevel.Warning, "Could not acknowledge a revocation on Redis ({Error}); it is held here all the same.")]
        public static partial void AcknowledgeFailed(ILogger logger, string error);

        [LoggerMessage(5213, LogLevel.Warning, "Could not learn which replicas are live ({Error}); the {Kind} revocation is announced without waiting for acknowledgements.")]
        public static partial void Unawaited(ILogger logger, RevocationKind kind, string error);

        [LoggerMessage(5210, LogLevel.Warning, "Ignored a revocation acknowledgement that is not valid JSON.")]
        public static partial void BadAcknowledgement(ILogger logger);
    }
}
