using System.Buffers.Text;
using System.Security.Cryptography;
using PasskeyGateway.Ceremonies.Challenges;
using PasskeyGateway.Ceremonies.Tests.Infrastructure;
using StackExchange.Redis;

namespace PasskeyGateway.Ceremonies.Tests.Challenges;

/// <summary>The contract against a real redis-server, plus what only Redis shows: the keys and their time to live.</summary>
public sealed class RedisChallengeStoreTests(RedisServerFixture redis) : ChallengeStoreContractTests, IClassFixture<RedisServerFixture>
{
    protected override IChallengeStore CreateStore() =>
        new RedisChallengeStore(redis.Connection, Time, Logger<RedisChallengeStore>());

    [Fact]
    public async Task Issue_KeepsTheChallengeUnderItsHashWithLifetimePlusRetentionToLive()
    {
        var store = CreateStore();
        await using var admin = await redis.Server.ConnectAdminAsync();
        var database = admin.GetDatabase();

        var issued = await store.IssueAsync(ChallengePurpose.DeviceVerification, State("state"), Lifetime, "test-client", default);

        var id = Base64Url.EncodeToString(SHA256.HashData(Base64Url.DecodeFromChars(issued.Challenge)));
        var key = $"{RedisServerFixture.KeyPrefix}:challenge:device-verification:{id}";
        var timeToLive = await database.KeyTimeToLiveAsync(key);
        Assert.NotNull(timeToLive);
        Assert.InRange(timeToLive.Value, Lifetime, Lifetime + ChallengeRecord.Retention);

        var keys = admin.GetServer(redis.Server.Configuration).Keys(pattern: $"{RedisServerFixture.KeyPrefix}:*").Select(k => k.ToString()).ToList();
        Assert.Contains(key, keys);
        Assert.DoesNotContain(keys, k => k.Contains(issued.Challenge, StringComparison.Ordinal));
        byte[] value = (await database.StringGetAsync(key))!;
        Assert.False(value.AsSpan().IndexOf(Base64Url.DecodeFromChars(issued.Challenge)) >= 0);
    }

    [Fact]
    public async Task Consume_AfterRedisDroppedTheKey_IsUnknown()
    {
        var store = CreateStore();
        await using var admin = await redis.Server.ConnectAdminAsync();
        var issued = await store.IssueAsync(ChallengePurpose.PasskeyAuthentication, State("state"), Lifetime, "test-client", default);
        var id = Base64Url.EncodeToString(SHA256.HashData(Base64Url.DecodeFromChars(issued.Challenge)));

        // What Redis does by itself once the key's time to live (lifetime + retention) has passed.
        Assert.True(await admin.GetDatabase().KeyDeleteAsync($"{RedisServerFixture.KeyPrefix}:challenge:passkey-authentication:{id}"));

        Assert.Equal(ChallengeStatus.Unknown, (await store.ConsumeAsync(ChallengePurpose.PasskeyAuthentication, issued.Challenge, default)).Status);
    }
}
