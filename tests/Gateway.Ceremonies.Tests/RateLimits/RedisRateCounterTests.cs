using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Ceremonies.RateLimits;
using PasskeyGateway.Ceremonies.Redis;
using PasskeyGateway.Ceremonies.Tests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Ceremonies.Tests.RateLimits;

/// <summary>The contract against a real redis-server, plus what only Redis shows: shared windows and the fallback.</summary>
public sealed class RedisRateCounterTests(RedisServerFixture redis) : RateCounterContractTests, IClassFixture<RedisServerFixture>
{
    protected override TimeSpan ShortWindow => TimeSpan.FromMilliseconds(300);

    protected override IRateCounter CreateCounter() => Create(redis.Connection);

    /// <summary>Redis ends the window by its own clock: wait (with a bound) until the key is gone.</summary>
    protected override Task EndWindowAsync(IRateCounter counter, string key, TimeSpan window) =>
        Eventually.UntilAsync(async () => (await counter.ReadAsync(key, default)).Count == 0, TimeSpan.FromSeconds(30), "the window ended in Redis");

    [Fact]
    public async Task TwoReplicas_CountInTheSameWindow()
    {
        await using var second = new RedisConnection(RedisConnectionSettings.Parse(redis.Server.Configuration, RedisServerFixture.KeyPrefix), NullLogger<RedisConnection>.Instance);
        var (a, b) = (CreateCounter(), Create(second));
        var key = Key();

        await a.IncrementAsync(key, Window, default);
        await b.IncrementAsync(key, Window, default);
        var third = await a.IncrementAsync(key, Window, default);

        Assert.Equal(3, third.Count);
    }

    [Fact]
    public async Task Keys_NameNoClientAddress()
    {
        var key = "ip:198.51.100.23";
        await CreateCounter().IncrementAsync(key, Window, default);

        await using var admin = await redis.Server.ConnectAdminAsync();
        var keys = admin.GetServer(redis.Server.Configuration).Keys(pattern: $"{RedisServerFixture.KeyPrefix}:rate:*").Select(k => k.ToString()).ToList();

        Assert.NotEmpty(keys);
        Assert.DoesNotContain(keys, k => k.Contains("198.51.100.23", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhileRedisIsDown_CountsInThisProcess_SoTheLimitStillHolds()
    {
        await using var server = await RedisServer.StartAsync();
        await using var connection = new RedisConnection(RedisConnectionSettings.Parse(server.Configuration + ",connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000", "outage"), NullLogger<RedisConnection>.Instance);
        var counter = Create(connection);
        var key = Key();
        await counter.IncrementAsync(key, Window, default);

        await server.KillAsync();
        var counts = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            counts.Add((await counter.IncrementAsync(key, Window, default)).Count);
        }

        Assert.Equal([1L, 2L, 3L], counts);
    }

    [Fact]
    public async Task WhileRedisIsPaused_CountsInThisProcessWithinTheTimeout()
    {
        // A paused Redis answers nothing on an open connection: the count must fall back after the 2 s command
        // timeout, not wait out a 12 s pause (the 6 s bound tells one from the other).
        await using var server = await RedisServer.StartAsync();
        await using var connection = new RedisConnection(RedisConnectionSettings.Parse(server.Configuration, "paused"), NullLogger<RedisConnection>.Instance);
        var counter = Create(connection);
        var key = Key();
        await counter.IncrementAsync(key, Window, default);
        await using var admin = await server.ConnectAdminAsync();

        // ALL holds every client, the admin connection too, so the pause is left to expire by itself.
        await admin.GetServer(admin.GetEndPoints()[0]).ExecuteAsync("CLIENT", "PAUSE", 12_000, "ALL");
        var count = await counter.IncrementAsync(key, Window, default).AsTask().WaitAsync(TimeSpan.FromSeconds(6));

        // Counted here: the window Redis holds (1 so far) is out of reach.
        Assert.Equal(1, count.Count);
    }

    private RedisRateCounter Create(RedisConnection connection) =>
        new(connection, new InMemoryRateCounter(Time), Time, NullLogger<RedisRateCounter>.Instance);
}
