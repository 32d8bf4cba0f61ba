using PasskeyGateway.Ceremonies.Redis;

namespace PasskeyGateway.Observability;

/// <summary>
/// Samples Redis latency for the metrics (<c>gateway_redis_ping_duration_seconds</c>): a PING every 10 s. A failed
/// PING is not recorded as a latency; the readiness check and the challenge store's errors report outages.
/// </summary>
internal sealed partial class RedisLatencyProbe(RedisConnection redis, GatewayMetrics metrics, TimeProvider timeProvider, ILogger<RedisLatencyProbe> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            do
            {
                try
                {
                    var database = await redis.GetDatabaseAsync(stoppingToken);
                    metrics.RedisPing(await redis.Bounded(database.PingAsync(), stoppingToken));
                }
                catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
                {
                    Log.PingFailed(logger, e.GetType().Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(8101, LogLevel.Debug, "Redis latency probe: PING failed ({Error}).")]
        public static partial void PingFailed(ILogger logger, string error);
    }
}
