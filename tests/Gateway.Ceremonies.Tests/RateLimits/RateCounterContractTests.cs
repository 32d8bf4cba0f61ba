using PasskeyGateway.Ceremonies.RateLimits;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Ceremonies.Tests.RateLimits;

/// <summary>What every <see cref="IRateCounter"/> promises, run once per implementation.</summary>
public abstract class RateCounterContractTests
{
    protected static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    protected static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    internal ManualTimeProvider Time { get; } = new(Start);

    protected abstract IRateCounter CreateCounter();

    /// <summary>Lets a window of <paramref name="window"/> that opened now end, by the implementation's own clock.</summary>
    protected abstract Task EndWindowAsync(IRateCounter counter, string key, TimeSpan window);

    /// <summary>The window length the window-ending test uses: the Redis one must wait for real time.</summary>
    protected virtual TimeSpan ShortWindow => Window;

    [Fact]
    public async Task Increment_CountsTheHitsOfAKeyInItsWindow()
    {
        var counter = CreateCounter();
        var key = Key();

        var counts = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            counts.Add((await counter.IncrementAsync(key, Window, default)).Count);
        }

        Assert.Equal([1L, 2L, 3L], counts);
    }

    [Fact]
    public async Task Keys_AreCountedApart()
    {
        var counter = CreateCounter();
        var (a, b) = (Key(), Key());

        await counter.IncrementAsync(a, Window, default);
        await counter.IncrementAsync(a, Window, default);
        var other = await counter.IncrementAsync(b, Window, default);

        Assert.Equal(1, other.Count);
        Assert.Equal(2, (await counter.ReadAsync(a, default)).Count);
    }

    [Fact]
    public async Task Read_DoesNotCount()
    {
        var counter = CreateCounter();
        var key = Key();

        var before = await counter.ReadAsync(key, default);
        await counter.IncrementAsync(key, Window, default);
        var once = await counter.ReadAsync(key, default);
        var twice = await counter.ReadAsync(key, default);

        Assert.Equal(0, before.Count);
        Assert.Equal(1, once.Count);
        Assert.Equal(1, twice.Count);
    }

    [Fact]
    public async Task ResetsAt_IsTheEndOfTheWindowTheFirstHitOpened()
    {
        var counter = CreateCounter();
        var key = Key();

        var first = await counter.IncrementAsync(key, Window, default);
        var second = await counter.IncrementAsync(key, TimeSpan.FromHours(1), default);

        Assert.InRange(first.ResetsAt, Time.GetUtcNow() + Window - TimeSpan.FromSeconds(2), Time.GetUtcNow() + Window);
        Assert.InRange(second.ResetsAt, first.ResetsAt - TimeSpan.FromSeconds(2), first.ResetsAt + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task AfterTheWindow_CountingStartsAgain()
    {
        var counter = CreateCounter();
        var key = Key();
        await counter.IncrementAsync(key, ShortWindow, default);
        await counter.IncrementAsync(key, ShortWindow, default);

        await EndWindowAsync(counter, key, ShortWindow);

        Assert.Equal(1, (await counter.IncrementAsync(key, ShortWindow, default)).Count);
    }

    [Fact]
    public async Task ConcurrentHits_AreEachCountedOnce()
    {
        var counter = CreateCounter();
        var key = Key();

        var counts = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ => (await counter.IncrementAsync(key, Window, default)).Count));

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), counts.Order());
    }

    protected static string Key() => "ip:203.0.113." + Random.Shared.Next(1, 255) + "/" + Guid.NewGuid().ToString("N");
}
