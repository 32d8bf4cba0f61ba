using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Ceremonies.Challenges;
using PasskeyGateway.Ceremonies.Redis;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Ceremonies.Tests.Challenges;

/// <summary>Redis going away and coming back, each test with a server of its own to kill.</summary>
public sealed class RedisChallengeStoreFaultTests
{
    private const ChallengePurpose Purpose = ChallengePurpose.PasskeyAuthentication;

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    // Generous bounds: they tell "fails" from "hangs", they do not measure speed.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);

    // A pause far longer than the store's timeout (2 s by default), and a bound between the two: a call that is still
    // waiting at the bound is waiting out the pause, not its timeout.
    private static readonly TimeSpan PauseLength = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan PauseGuard = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task Store_AfterRedisRestartsEmpty_WorksAgainAndForgetsEarlierChallenges()
    {
        await using var server = await RedisServer.StartAsync();
        await using var connection = Connect(server.Configuration);
        var store = new RedisChallengeStore(connection, TimeProvider.System, NullLogger<RedisChallengeStore>.Instance);
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionRestored += (_, _) => restored.TrySetResult();
        var before = await store.IssueAsync(Purpose, "before"u8.ToArray(), Lifetime, "test-client", default);

        await server.RestartAsync();
        var after = await IssueOnceAvailableAsync(store, "Issuing a challenge after Redis restarted");

        await restored.Task.WaitAsync(RecoveryTimeout);
        Assert.True(connection.IsConnected);
        Assert.Equal(ChallengeStatus.Unknown, (await store.ConsumeAsync(Purpose, before.Challenge, default)).Status);
        var result = await store.ConsumeAsync(Purpose, after.Challenge, default);
        Assert.Equal(ChallengeStatus.Consumed, result.Status);
        Assert.Equal("after"u8.ToArray(), result.State.ToArray());
    }

    [Fact]
    public async Task Store_WhileRedisIsDown_ThrowsUnavailableInsteadOfHanging()
    {
        await using var server = await RedisServer.StartAsync();
        await using var connection = Connect(server.Configuration);
        var store = new RedisChallengeStore(connection, TimeProvider.System, NullLogger<RedisChallengeStore>.Instance);
        var issued = await store.IssueAsync(Purpose, "state"u8.ToArray(), Lifetime, "test-client", default);

        await server.KillAsync();

        var issue = await Assert.ThrowsAsync<ChallengeStoreUnavailableException>(
            () => store.IssueAsync(Purpose, "state"u8.ToArray(), Lifetime, "test-client", default).AsTask().WaitAsync(HangGuard));
        var consume = await Assert.ThrowsAsync<ChallengeStoreUnavailableException>(
            () => store.ConsumeAsync(Purpose, issued.Challenge, default).AsTask().WaitAsync(HangGuard));
        Assert.Contains($"127.0.0.1:{server.Port}", issue.Message, StringComparison.Ordinal);
        Assert.NotNull(consume.InnerException);
    }

    [Fact]
    public async Task Store_WhileRedisIsPaused_FailsWithinItsTimeout_AndDoesNotSendTheNextCommandAtAll()
    {
        // A paused Redis keeps the connection open and answers nothing. A ceremony sends two commands (its rate count,
        // then its challenge): each used to wait out its own timeout, a second or so late, so a sign-in waited 4–6 s
        // for its 503. Now the first fails within the timeout, and nothing more is sent until Redis answers a probe —
        // however late the next call comes, and a call that came after a fixed hold-off once failed CI this way.
        await using var server = await RedisServer.StartAsync();
        await using var connection = Connect(server.Configuration);
        var store = new RedisChallengeStore(connection, TimeProvider.System, NullLogger<RedisChallengeStore>.Instance);
        var issued = await store.IssueAsync(Purpose, "state"u8.ToArray(), Lifetime, "test-client", default);
        await using var admin = await server.ConnectAdminAsync();

        // ALL holds every client, the admin connection too, so the pause is left to expire by itself.
        await admin.GetServer(admin.GetEndPoints()[0]).ExecuteAsync("CLIENT", "PAUSE", (int)PauseLength.TotalMilliseconds, "ALL");
        var issue = await Assert.ThrowsAsync<ChallengeStoreUnavailableException>(
            () => store.IssueAsync(Purpose, "state"u8.ToArray(), Lifetime, "test-client", default).AsTask().WaitAsync(PauseGuard));
        var consume = await Assert.ThrowsAsync<ChallengeStoreUnavailableException>(
            () => store.ConsumeAsync(Purpose, issued.Challenge, default).AsTask().WaitAsync(PauseGuard));

        Assert.IsAssignableFrom<TimeoutException>(issue.InnerException);
        Assert.IsNotType<RedisStalledException>(issue.InnerException);
        Assert.IsType<RedisStalledException>(consume.InnerException);
        Assert.Contains("a moment ago", consume.Message, StringComparison.Ordinal);

        // The pause over, a probe is answered and commands go through again, without a reconnect.
        var recovered = await IssueOnceAvailableAsync(store, "Issuing a challenge once the pause is over");
        Assert.Equal(ChallengeStatus.Consumed, (await store.ConsumeAsync(Purpose, recovered.Challenge, default)).Status);
    }

    [Fact]
    public async Task Store_WhenRedisWasNeverReachable_ThrowsUnavailable()
    {
        await using var connection = Connect($"127.0.0.1:{FreePort.Next()}");
        var store = new RedisChallengeStore(connection, TimeProvider.System, NullLogger<RedisChallengeStore>.Instance);

        var error = await Assert.ThrowsAsync<ChallengeStoreUnavailableException>(
            () => store.IssueAsync(Purpose, "state"u8.ToArray(), Lifetime, "test-client", default).AsTask().WaitAsync(HangGuard));

        Assert.Contains("not reachable", error.Message, StringComparison.Ordinal);
        Assert.False(connection.IsConnected);
    }

    /// <summary>Issues a challenge (state "after") as soon as the store takes it again.</summary>
    private static Task<IssuedChallenge> IssueOnceAvailableAsync(RedisChallengeStore store, string what) =>
        Eventually.GetAsync(
            async () =>
            {
                try
                {
                    return await store.IssueAsync(Purpose, "after"u8.ToArray(), Lifetime, "test-client", default);
                }
                catch (ChallengeStoreUnavailableException)
                {
                    return null;
                }
            },
            RecoveryTimeout,
            what);

    private static RedisConnection Connect(string configuration) =>
        new(RedisConnectionSettings.Parse(configuration), NullLogger<RedisConnection>.Instance);
}
