using PasskeyGateway.Headers;

namespace PasskeyGateway.Tests.Headers;

public sealed class IdentityHeaderValueTests
{
    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("Alice Smith", "Alice Smith")]
    [InlineData("José", "Jos%C3%A9")]
    [InlineData("a\r\nX-Injected: 1", "a%0D%0AX-Injected: 1")]
    [InlineData("50%", "50%25")]
    [InlineData("Doe, John", "Doe%2C John")]
    [InlineData("🔑", "%F0%9F%94%91")]
    public void Encode_KeepsPrintableAsciiAndEncodesTheRest(string value, string expected) =>
        Assert.Equal(expected, IdentityHeaderValue.Encode(value));

    [Fact]
    public void Build_SeveralValues_AreCommaJoined() =>
        Assert.Equal("a,b%2Cc,d", IdentityHeaderValue.Build(["a", "b,c", "d"]));

    [Fact]
    public void Build_NoValue_IsNull() => Assert.Null(IdentityHeaderValue.Build([]));
}
