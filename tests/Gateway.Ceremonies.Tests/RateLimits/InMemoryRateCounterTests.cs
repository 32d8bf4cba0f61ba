using PasskeyGateway.Ceremonies.RateLimits;

namespace PasskeyGateway.Ceremonies.Tests.RateLimits;

public sealed class InMemoryRateCounterTests : RateCounterContractTests
{
    protected override IRateCounter CreateCounter() => new InMemoryRateCounter(Time);

    protected override Task EndWindowAsync(IRateCounter counter, string key, TimeSpan window)
    {
        Time.Advance(window);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Full_ANewKeyIsOverEveryLimit_WhileTheKnownOnesCountOn()
    {
        // Fail closed: a flood of new addresses cannot grow the table, nor push out the windows of the ones it limits.
        var counter = new InMemoryRateCounter(Time, capacity: 3);
        for (var i = 0; i < 3; i++)
        {
            await counter.IncrementAsync($"ip:{i}", Window, default);
        }

        var newcomer = await counter.IncrementAsync("ip:new", Window, default);
        var known = await counter.IncrementAsync("ip:0", Window, default);

        Assert.Equal(long.MaxValue, newcomer.Count);
        Assert.Equal(2, known.Count);
    }

    [Fact]
    public async Task Full_EndedWindowsMakeRoom()
    {
        var counter = new InMemoryRateCounter(Time, capacity: 3);
        for (var i = 0; i < 3; i++)
        {
            await counter.IncrementAsync($"ip:{i}", Window, default);
        }

        Time.Advance(Window);

        Assert.Equal(1, (await counter.IncrementAsync("ip:new", Window, default)).Count);
    }
}
