using PasskeyGateway.Authentication;

namespace PasskeyGateway.Tests.Authentication;

public sealed class ReturnUrlTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/app/orders?id=7")]
    [InlineData("/a/b#section")]
    [InlineData("/%2F%2Fencoded-is-a-path")]
    public void IsSafe_SameOriginPaths_AreAccepted(string value) => Assert.True(ReturnUrl.IsSafe(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("http:evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("evil.example/path")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/a\\..\\..\\evil")]
    public void IsSafe_OpenRedirectAttempts_AreRefused(string? value)
    {
        Assert.False(ReturnUrl.IsSafe(value));
        Assert.Equal("/", ReturnUrl.OrRoot(value));
    }
}
