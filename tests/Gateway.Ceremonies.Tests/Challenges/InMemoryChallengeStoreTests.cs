using PasskeyGateway.Ceremonies.Challenges;

namespace PasskeyGateway.Ceremonies.Tests.Challenges;

public sealed class InMemoryChallengeStoreTests : ChallengeStoreContractTests
{
    private const ChallengePurpose Purpose = ChallengePurpose.BiometricAuthentication;

    protected override IChallengeStore CreateStore() => Create();

    [Fact]
    public async Task Issue_BeyondCapacity_DropsTheOldestAndNeverGrowsPastIt()
    {
        var store = Create(capacity: 3);

        var issued = new List<IssuedChallenge>();
        for (var i = 0; i < 10; i++)
        {
            issued.Add(await store.IssueAsync(Purpose, State($"{i}"), Lifetime, default));
            Assert.True(store.Count <= 3);
        }

        foreach (var dropped in issued.Take(7))
        {
            Assert.Equal(ChallengeStatus.Unknown, (await store.ConsumeAsync(Purpose, dropped.Challenge, default)).Status);
        }

        foreach (var kept in issued.Skip(7))
        {
            Assert.Equal(ChallengeStatus.Consumed, (await store.ConsumeAsync(Purpose, kept.Challenge, default)).Status);
        }
    }

    [Fact]
    public async Task Issue_AfterEarlierChallengesExpired_EvictsThemFirst()
    {
        var store = Create(capacity: 3);
        await store.IssueAsync(Purpose, State("old 1"), TimeSpan.FromMinutes(1), default);
        await store.IssueAsync(Purpose, State("old 2"), TimeSpan.FromMinutes(1), default);
        var live = await store.IssueAsync(Purpose, State("live"), TimeSpan.FromHours(1), default);
        Time.Advance(TimeSpan.FromMinutes(10));

        await store.IssueAsync(Purpose, State("new"), Lifetime, default);

        Assert.Equal(2, store.Count);
        Assert.Equal(ChallengeStatus.Consumed, (await store.ConsumeAsync(Purpose, live.Challenge, default)).Status);
    }

    [Fact]
    public async Task Consume_LongAfterExpiry_IsUnknownOnceTheRecordIsGone()
    {
        var store = Create();
        var issued = await store.IssueAsync(Purpose, State("gone"), Lifetime, default);
        Time.Advance(TimeSpan.FromHours(1));
        await store.IssueAsync(Purpose, State("sweeps"), Lifetime, default);

        var result = await store.ConsumeAsync(Purpose, issued.Challenge, default);

        Assert.Equal(ChallengeStatus.Unknown, result.Status);
        Assert.Equal(1, store.Count);
    }

    private InMemoryChallengeStore Create(int capacity = InMemoryChallengeStore.DefaultCapacity) =>
        new(Time, Logger<InMemoryChallengeStore>(), capacity);
}
