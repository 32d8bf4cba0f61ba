using System.Buffers.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PasskeyGateway.Ceremonies.Challenges;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Ceremonies.Tests.Challenges;

/// <summary>
/// What every <see cref="IChallengeStore"/> promises (DESIGN.md §7), run once per implementation: each subclass only
/// says how to build its store on the test's clock.
/// </summary>
public abstract class ChallengeStoreContractTests
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    protected static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private const ChallengePurpose Purpose = ChallengePurpose.PasskeyRegistration;

    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    internal ManualTimeProvider Time { get; } = new(Start);

    /// <summary>Everything the store under test logged, at every level.</summary>
    protected FakeLogCollector Logs { get; } = new();

    /// <summary>A store on <see cref="Time"/> that logs into <see cref="Logs"/>.</summary>
    protected abstract IChallengeStore CreateStore();

    [Fact]
    public async Task Issue_ReturnsDistinct32ByteBase64UrlChallengesAndTheirExpiry()
    {
        var store = CreateStore();

        // Enough to cross several of the blocks the codec draws its random bytes in.
        var issued = new List<IssuedChallenge>();
        for (var i = 0; i < 300; i++)
        {
            issued.Add(await store.IssueAsync(Purpose, State("s"), Lifetime, "test-client", default));
        }

        Assert.All(issued, challenge =>
        {
            Assert.Matches("^[A-Za-z0-9_-]{43}$", challenge.Challenge);
            Assert.Equal(32, Base64Url.DecodeFromChars(challenge.Challenge).Length);
            Assert.Equal(Start + Lifetime, challenge.ExpiresAt);
            Assert.DoesNotContain(challenge.Challenge, challenge.ToString(), StringComparison.Ordinal);
        });
        Assert.Equal(issued.Count, issued.Select(c => c.Challenge).Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4096)]
    public async Task Consume_AfterIssue_ReturnsTheExactState(int stateLength)
    {
        var store = CreateStore();
        var state = Enumerable.Range(0, stateLength).Select(i => (byte)(i * 7)).ToArray();
        var issued = await store.IssueAsync(Purpose, state, Lifetime, "test-client", default);

        var result = await store.ConsumeAsync(Purpose, issued.Challenge, default);

        Assert.Equal(ChallengeStatus.Consumed, result.Status);
        Assert.Equal(state, result.State.ToArray());
    }

    [Fact]
    public async Task Consume_Twice_SecondCallIsUnknown()
    {
        var store = CreateStore();
        var issued = await store.IssueAsync(Purpose, State("once"), Lifetime, "test-client", default);

        var first = await store.ConsumeAsync(Purpose, issued.Challenge, default);
        var second = await store.ConsumeAsync(Purpose, issued.Challenge, default);

        Assert.Equal(ChallengeStatus.Consumed, first.Status);
        Assert.Equal(ChallengeStatus.Unknown, second.Status);
        Assert.True(second.State.IsEmpty);
    }

    [Fact]
    public async Task Consume_ByOneHundredConcurrentCallers_ExactlyOneWins()
    {
        var store = CreateStore();
        var issued = await store.IssueAsync(Purpose, State("race"), Lifetime, "test-client", default);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var consumers = Enumerable.Range(0, 100).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            return await store.ConsumeAsync(Purpose, issued.Challenge, default);
        })).ToArray();
        go.SetResult();
        var results = await Task.WhenAll(consumers);

        var winner = Assert.Single(results, r => r.Status == ChallengeStatus.Consumed);
        Assert.Equal("race"u8.ToArray(), winner.State.ToArray());
        Assert.Equal(99, results.Count(r => r.Status == ChallengeStatus.Unknown));
    }

    [Fact]
    public async Task Consume_ForAnotherPurpose_IsUnknownAndLeavesTheChallengeToItsOwn()
    {
        var store = CreateStore();
        var issued = await store.IssueAsync(ChallengePurpose.DeviceBinding, State("bind"), Lifetime, "test-client", default);

        foreach (var other in Enum.GetValues<ChallengePurpose>().Where(p => p != ChallengePurpose.DeviceBinding))
        {
            Assert.Equal(ChallengeStatus.Unknown, (await store.ConsumeAsync(other, issued.Challenge, default)).Status);
        }

        Assert.Equal(ChallengeStatus.Consumed, (await store.ConsumeAsync(ChallengePurpose.DeviceBinding, issued.Challenge, default)).Status);
    }

    [Fact]
    public async Task Consume_NeverIssued_IsUnknown()
    {
        var store = CreateStore();
        var neverIssued = Base64Url.EncodeToString(new byte[32]);

        var result = await store.ConsumeAsync(Purpose, neverIssued, default);

        Assert.Equal(ChallengeStatus.Unknown, result.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Consume_MalformedChallenge_IsUnknown(string challenge)
    {
        var store = CreateStore();

        var result = await store.ConsumeAsync(Purpose, challenge, default);

        Assert.Equal(ChallengeStatus.Unknown, result.Status);
    }

    [Fact]
    public async Task Consume_AnotherSpellingOfTheSameBytes_IsUnknownAndLeavesTheChallenge()
    {
        var store = CreateStore();
        var issued = await store.IssueAsync(Purpose, State("exact"), Lifetime, "test-client", default);

        // The last of 43 characters carries 4 bits of the 32 bytes and 2 unused ones: flipping an unused bit gives
        // a second spelling that lenient decoders read as the same bytes.
        var last = Base64UrlAlphabet.IndexOf(issued.Challenge[^1], StringComparison.Ordinal);
        var respelt = issued.Challenge[..^1] + Base64UrlAlphabet[last ^ 1];

        Assert.Equal(ChallengeStatus.Unknown, (await store.ConsumeAsync(Purpose, respelt, default)).Status);
        Assert.Equal(ChallengeStatus.Consumed, (await store.ConsumeAsync(Purpose, issued.Challenge, default)).Status);
    }

    [Fact]
    public async Task Consume_JustBeforeItsLifetimeEnds_Succeeds()
    {
        var store = CreateStore();
        var issued = await store.IssueAsync(Purpose, State("late"), Lifetime, "test-client", default);
        Time.Advance(Lifetime - TimeSpan.FromMilliseconds(1));

        var result = await store.ConsumeAsync(Purpose, issued.Challenge, default);

        Assert.Equal(ChallengeStatus.Consumed, result.Status);
    }

    [Fact]
    public async Task Consume_AfterItsLifetime_IsExpiredOnceThenUnknown()
    {
        var store = CreateStore();
        var issued = await store.IssueAsync(Purpose, State("too late"), Lifetime, "test-client", default);
        Time.Advance(Lifetime);

        var first = await store.ConsumeAsync(Purpose, issued.Challenge, default);
        var second = await store.ConsumeAsync(Purpose, issued.Challenge, default);

        Assert.Equal(ChallengeStatus.Expired, first.Status);
        Assert.True(first.State.IsEmpty);
        Assert.Equal(ChallengeStatus.Unknown, second.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Issue_WithoutAPositiveLifetime_Throws(int seconds)
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.IssueAsync(Purpose, State("x"), TimeSpan.FromSeconds(seconds), "test-client", default).AsTask());
    }

    [Fact]
    public async Task IssueAndConsume_WithAnUndefinedPurpose_Throw()
    {
        var store = CreateStore();
        const ChallengePurpose undefined = (ChallengePurpose)99;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.IssueAsync(undefined, State("x"), Lifetime, "test-client", default).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ConsumeAsync(undefined, Base64Url.EncodeToString(new byte[32]), default).AsTask());
    }

    [Fact]
    public async Task Logs_NeverCarryAChallengeItsIdOrItsState()
    {
        var store = CreateStore();
        var issued = await store.IssueAsync(Purpose, State("state-that-is-private"), Lifetime, "test-client", default);
        await store.ConsumeAsync(Purpose, issued.Challenge, default);
        await store.ConsumeAsync(Purpose, issued.Challenge, default);
        Assert.True(ChallengeCodec.TryGetId(issued.Challenge, out var id));

        var records = Logs.GetSnapshot();

        Assert.Equal(3, records.Count);
        Assert.All(records, record =>
        {
            var text = $"{record.Message} {record.Exception} {string.Join(",", record.StructuredState ?? [])}";
            Assert.DoesNotContain(issued.Challenge, text, StringComparison.Ordinal);
            Assert.DoesNotContain(id, text, StringComparison.Ordinal);
            Assert.DoesNotContain("state-that-is-private", text, StringComparison.Ordinal);
        });
    }

    protected ILogger<T> Logger<T>() => new FakeLogger<T>(Logs);

    protected static byte[] State(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
