using PasskeyGateway.Headers;

namespace PasskeyGateway.Tests.Headers;

public sealed class HeaderNameComparerTests
{
    [Theory]
    [InlineData("X-Forwarded-User", "x-forwarded-user")]
    [InlineData("X-Forwarded-User", "X_FORWARDED_USER")]
    [InlineData("X-Forwarded-User", "x_Forwarded-uSer")]
    [InlineData("X-Forwarded-User", "X.Forwarded.User")]
    [InlineData("X-Forwarded-User", "X~Forwarded~User")]
    [InlineData("X-Forwarded-User", "XForwardedUser")]
    [InlineData("X-Forwarded-User", "-X--Forwarded+User'")]
    [InlineData("X-Original-URL", "x_original_url")]
    public void Equal_NamesThatDifferInCaseOrPunctuation_AreTheSame(string a, string b)
    {
        Assert.True(HeaderNameComparer.Instance.Equals(a, b));
        Assert.Equal(HeaderNameComparer.Instance.GetHashCode(a), HeaderNameComparer.Instance.GetHashCode(b));
    }

    [Theory]
    [InlineData("X-Forwarded-User", "X-Forwarded-Users")]
    [InlineData("X-Forwarded-User", "X-Forwarded-Usér")]
    [InlineData("X-Forwarded-User", "X-Forwarded-Use")]
    [InlineData("X-Original-URL", "X-Original-URI")]
    [InlineData("X-Forwarded-User", "")]
    public void Equal_DifferentNames_AreDifferent(string a, string b) =>
        Assert.False(HeaderNameComparer.Instance.Equals(a, b));
}
