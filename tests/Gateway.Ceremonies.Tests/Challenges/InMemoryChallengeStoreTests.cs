using PasskeyGateway.Ceremonies.Challenges;

namespace PasskeyGateway.Ceremonies.Tests.Challenges;

public sealed class InMemoryChallengeStoreTests : ChallengeStoreContractTests
{
    private const ChallengePurpose Purpose = ChallengePurpose.BiometricAuthentication;

    protected override IChallengeStore CreateStore() => Create();

    [Fact]
    public async Task Issue_BeyondCapacity_ByRequestersWithinTheirShare_DropsTheOldestAndNeverGrowsPastIt()
    {
        var store = Create(capacity: 3, requesterShare: 3);

        var issued = new List<IssuedChallenge>();
        for (var i = 0; i < 10; i++)
        {
            issued.Add(await store.IssueAsync(Purpose, State($"{i}"), Lifetime, $"client-{i}", default));
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
        var store = Create(capacity: 3, requesterShare: 3);
        await store.IssueAsync(Purpose, State("old 1"), TimeSpan.FromMinutes(1), "test-client", default);
        await store.IssueAsync(Purpose, State("old 2"), TimeSpan.FromMinutes(1), "test-client", default);
        var live = await store.IssueAsync(Purpose, State("live"), TimeSpan.FromHours(1), "test-client", default);
        Time.Advance(TimeSpan.FromMinutes(10));

        await store.IssueAsync(Purpose, State("new"), Lifetime, "test-client", default);

        Assert.Equal(2, store.Count);
        Assert.Equal(ChallengeStatus.Consumed, (await store.ConsumeAsync(Purpose, live.Challenge, default)).Status);
    }

    [Fact]
    public async Task Consume_LongAfterExpiry_IsUnknownOnceTheRecordIsGone()
    {
        var store = Create();
        var issued = await store.IssueAsync(Purpose, State("gone"), Lifetime, "test-client", default);
        Time.Advance(TimeSpan.FromHours(1));
        await store.IssueAsync(Purpose, State("sweeps"), Lifetime, "test-client", default);

        var result = await store.ConsumeAsync(Purpose, issued.Challenge, default);

        Assert.Equal(ChallengeStatus.Unknown, result.Status);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task Issue_ByARequesterHoldingItsShare_DropsItsOwnOldest_NeverAnothersLiveChallenge()
    {
        var store = Create(capacity: 10, requesterShare: 3);
        var victim = await store.IssueAsync(Purpose, State("victim 1"), Lifetime, "ip:198.51.100.7", default);
        var victimToo = await store.IssueAsync(Purpose, State("victim 2"), Lifetime, "ip6:20010db800010002/64", default);

        var flood = new List<IssuedChallenge>();
        for (var i = 0; i < 1000; i++)
        {
            flood.Add(await store.IssueAsync(Purpose, State($"flood {i}"), Lifetime, "ip:203.0.113.66", default));
        }

        Assert.Equal(ChallengeStatus.Consumed, (await store.ConsumeAsync(Purpose, victim.Challenge, default)).Status);
        Assert.Equal(ChallengeStatus.Consumed, (await store.ConsumeAsync(Purpose, victimToo.Challenge, default)).Status);
        Assert.Equal(3, store.Count);
        Assert.Equal(ChallengeStatus.Consumed, (await store.ConsumeAsync(Purpose, flood[^1].Challenge, default)).Status);
        Assert.Equal(ChallengeStatus.Unknown, (await store.ConsumeAsync(Purpose, flood[^4].Challenge, default)).Status);
    }

    [Fact]
    public async Task DefaultStore_FloodFromOneAddress_LeavesOthersChallengesAndBoundsItsOwn()
    {
        var store = Create();
        var victim = await store.IssueAsync(Purpose, State("victim"), Lifetime, "ip:198.51.100.7", default);

        for (var i = 0; i < 20_000; i++)
        {
            await store.IssueAsync(Purpose, State("flood"), Lifetime, "ip:203.0.113.66", default);
        }

        Assert.Equal(store.RequesterShare + 1, store.Count);
        Assert.Equal(ChallengeStatus.Consumed, (await store.ConsumeAsync(Purpose, victim.Challenge, default)).Status);
    }

    [Fact]
    public async Task Consume_FreesTheRequestersShare()
    {
        var store = Create(capacity: 10, requesterShare: 2);
        var first = await store.IssueAsync(Purpose, State("1"), Lifetime, "client", default);
        var second = await store.IssueAsync(Purpose, State("2"), Lifetime, "client", default);
        await store.ConsumeAsync(Purpose, first.Challenge, default);

        var third = await store.IssueAsync(Purpose, State("3"), Lifetime, "client", default);

        Assert.Equal(ChallengeStatus.Consumed, (await store.ConsumeAsync(Purpose, second.Challenge, default)).Status);
        Assert.Equal(ChallengeStatus.Consumed, (await store.ConsumeAsync(Purpose, third.Challenge, default)).Status);
    }

    private InMemoryChallengeStore Create(int capacity = InMemoryChallengeStore.DefaultCapacity, int? requesterShare = null) =>
        new(Time, Logger<InMemoryChallengeStore>(), capacity, requesterShare);
}
