using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using PasskeyGateway.Ceremonies.Challenges;
using PasskeyGateway.Ceremonies.Redis;
using PasskeyGateway.Testing;
using StackExchange.Redis;

namespace PasskeyGateway.Ceremonies.Tests.Challenges;

/// <summary>An ACL user named in a <c>redis://</c> URL, as a managed Redis hands them out.</summary>
public sealed class RedisChallengeStoreAuthenticationTests
{
    private const string User = "gateway-challenges";

    // Characters a URL must percent-encode, so the test also proves the decoding.
    private const string Password = "p@ss:w/rd%20?#";

    private const string KeyPrefix = "acl";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Store_WithAnAclUserFromARedisUrl_WorksInTheChosenDatabase()
    {
        await using var server = await RedisServer.StartAsync();
        await using var admin = await StartWithAclUserAsync(server);
        var url = $"redis://{User}:{Uri.EscapeDataString(Password)}@127.0.0.1:{server.Port}/3";
        await using var connection = new RedisConnection(RedisConnectionSettings.Parse(url, KeyPrefix), NullLogger<RedisConnection>.Instance);
        var store = new RedisChallengeStore(connection, TimeProvider.System, NullLogger<RedisChallengeStore>.Instance);

        var issued = await store.IssueAsync(ChallengePurpose.BiometricRegistration, "state"u8.ToArray(), Lifetime, "test-client", default);

        var keysInDatabase3 = admin.GetServer(server.Configuration).Keys(database: 3, pattern: $"{KeyPrefix}:challenge:*").ToList();
        Assert.Single(keysInDatabase3);
        var result = await store.ConsumeAsync(ChallengePurpose.BiometricRegistration, issued.Challenge, default);
        Assert.Equal(ChallengeStatus.Consumed, result.Status);
    }

    [Fact]
    public async Task Store_WithAWrongPassword_FailsWithAClearErrorThatHidesThePassword()
    {
        const string wrongPassword = "not-the-Password-4711";
        await using var server = await RedisServer.StartAsync();
        await using var admin = await StartWithAclUserAsync(server);
        var settings = RedisConnectionSettings.Parse($"redis://{User}:{wrongPassword}@127.0.0.1:{server.Port}/0", KeyPrefix);
        var logs = new FakeLogCollector();
        await using var connection = new RedisConnection(settings, new FakeLogger<RedisConnection>(logs));
        var store = new RedisChallengeStore(connection, TimeProvider.System, new FakeLogger<RedisChallengeStore>(logs));

        var error = await Assert.ThrowsAsync<ChallengeStoreUnavailableException>(
            () => store.IssueAsync(ChallengePurpose.BiometricRegistration, "state"u8.ToArray(), Lifetime, "test-client", default).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains($"refused the credentials of user '{User}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongPassword, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrongPassword, settings.ToString(), StringComparison.Ordinal);
        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.All(logs.GetSnapshot(), r => Assert.DoesNotContain(wrongPassword, $"{r.Message} {r.Exception} {string.Join(",", r.StructuredState ?? [])}", StringComparison.Ordinal));
    }

    /// <summary>
    /// Adds the gateway's ACL user and gives the default user a password. Left open, the default user would hide a
    /// wrong password: StackExchange.Redis 3.4 carries on as the default user when AUTH is refused.
    /// </summary>
    private static async Task<ConnectionMultiplexer> StartWithAclUserAsync(RedisServer server)
    {
        var admin = await server.ConnectAdminAsync();
        var redis = admin.GetDatabase();
        await redis.ExecuteAsync("ACL", "SETUSER", User, "reset", "on", $">{Password}", $"~{KeyPrefix}:*", "&*", "+@all");
        await redis.ExecuteAsync("ACL", "SETUSER", "default", "resetpass", ">admin-only-password");
        return admin;
    }
}
