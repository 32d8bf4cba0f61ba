using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using PasskeyGateway.Ceremonies.Redis;
using StackExchange.Redis;

namespace PasskeyGateway.Ceremonies.RateLimits;

/// <summary>
/// Rate windows in Redis, shared by every replica: <c>INCR</c>, <c>PEXPIRE … NX</c> (the first hit opens the window)
/// and <c>PTTL</c> in one <c>MULTI</c>/<c>EXEC</c>. Keys are <c>{prefix}:rate:{hash}</c>, a hash of the limit and the
/// partition key, so no client address is written to Redis. While Redis is unreachable the counts are kept in this
/// process instead: the limits still hold, per replica, until Redis is back.
/// </summary>
internal sealed partial class RedisRateCounter(RedisConnection connection, InMemoryRateCounter fallback, TimeProvider timeProvider, ILogger<RedisRateCounter> logger) : IRateCounter
{
    private readonly string _keyPrefix = connection.Settings.KeyPrefix + ":rate:";
    private int _degraded;

    public async ValueTask<RateCount> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        try
        {
            var database = await connection.GetDatabaseAsync(cancellationToken);
            var transaction = database.CreateTransaction();
            var redisKey = RedisKeyOf(key);
            var count = transaction.StringIncrementAsync(redisKey);
            _ = transaction.KeyExpireAsync(redisKey, window, ExpireWhen.HasNoExpiry);
            var timeToLive = transaction.KeyTimeToLiveAsync(redisKey);
            await connection.Bounded(transaction.ExecuteAsync(), cancellationToken);
            Recovered();
            return new RateCount(await count, timeProvider.GetUtcNow() + (await timeToLive ?? window));
        }
        catch (Exception e) when (RedisFailure.IsUnavailability(e))
        {
            Degraded(e);
            return await fallback.IncrementAsync(key, window, cancellationToken);
        }
    }

    public async ValueTask<RateCount> ReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var database = await connection.GetDatabaseAsync(cancellationToken);
            var redisKey = RedisKeyOf(key);
            var batch = database.CreateBatch();
            var count = batch.StringGetAsync(redisKey);
            var timeToLive = batch.KeyTimeToLiveAsync(redisKey);
            batch.Execute();
            await connection.Bounded(Task.WhenAll(count, timeToLive), cancellationToken);
            Recovered();
            var now = timeProvider.GetUtcNow();
            return (await count).TryParse(out long hits) && await timeToLive is { } left ? new RateCount(hits, now + left) : new RateCount(0, now);
        }
        catch (Exception e) when (RedisFailure.IsUnavailability(e))
        {
            Degraded(e);
            return await fallback.ReadAsync(key, cancellationToken);
        }
    }

    private RedisKey RedisKeyOf(string key) =>
        _keyPrefix + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 18);

    private void Degraded(Exception e)
    {
        if (Interlocked.Exchange(ref _degraded, 1) == 0)
        {
            Log.CountingLocally(logger, RedisFailure.Describe(connection.Settings, e));
        }
    }

    private void Recovered()
    {
        if (Volatile.Read(ref _degraded) == 1 && Interlocked.Exchange(ref _degraded, 0) == 1)
        {
            Log.CountingInRedis(logger);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(6301, LogLevel.Warning, "Rate limits are counted by this replica alone until Redis answers again: {Reason}")]
        public static partial void CountingLocally(ILogger logger, string reason);

        [LoggerMessage(6302, LogLevel.Information, "Rate limits are counted in Redis again, shared by every replica.")]
        public static partial void CountingInRedis(ILogger logger);
    }
}
