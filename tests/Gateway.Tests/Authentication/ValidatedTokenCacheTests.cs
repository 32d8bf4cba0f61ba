using System.Security.Claims;
using PasskeyGateway.Authentication;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Tests.Authentication;

public sealed class ValidatedTokenCacheTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryGet_UntilExpiry_ThenMisses()
    {
        var cache = new ValidatedTokenCache(_time);
        var hash = TokenHash.Compute("token-a", TokenSource.Bearer);
        cache.Add(hash, Token(TimeSpan.FromMinutes(1)));

        Assert.True(cache.TryGet(hash, out _));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(cache.TryGet(hash, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void TryGet_SameTokenOtherSource_Misses()
    {
        var cache = new ValidatedTokenCache(_time);
        cache.Add(TokenHash.Compute("token-a", TokenSource.Bearer), Token(TimeSpan.FromMinutes(1)));

        Assert.False(cache.TryGet(TokenHash.Compute("token-a", TokenSource.Cookie), out _));
        Assert.False(cache.TryGet(TokenHash.Compute("token-b", TokenSource.Bearer), out _));
    }

    [Fact]
    public void Add_WhenFull_DropsExpiredFirstAndNeverGrowsPastCapacity()
    {
        var cache = new ValidatedTokenCache(_time, capacity: 10);
        for (var i = 0; i < 5; i++)
        {
            cache.Add(TokenHash.Compute("short-" + i, TokenSource.Bearer), Token(TimeSpan.FromSeconds(1)));
        }

        for (var i = 0; i < 5; i++)
        {
            cache.Add(TokenHash.Compute("long-" + i, TokenSource.Bearer), Token(TimeSpan.FromHours(1)));
        }

        _time.Advance(TimeSpan.FromSeconds(2));
        cache.Add(TokenHash.Compute("new", TokenSource.Bearer), Token(TimeSpan.FromHours(1)));

        Assert.Equal(6, cache.Count);
        Assert.True(cache.TryGet(TokenHash.Compute("long-0", TokenSource.Bearer), out _));
        for (var i = 0; i < 30; i++)
        {
            cache.Add(TokenHash.Compute("more-" + i, TokenSource.Bearer), Token(TimeSpan.FromHours(1)));
            Assert.True(cache.Count <= 10);
        }
    }

    private ValidatedToken Token(TimeSpan lifetime) => new(new ClaimsPrincipal(new ClaimsIdentity("test")), _time.GetUtcNow() + lifetime, null);
}
