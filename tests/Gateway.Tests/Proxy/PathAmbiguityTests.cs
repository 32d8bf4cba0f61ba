using PasskeyGateway.Proxy;

namespace PasskeyGateway.Tests.Proxy;

/// <summary>The rules on Kestrel's reading of a path (percent-escapes decoded but <c>%2F</c>, dot segments resolved).</summary>
public sealed class PathAmbiguityTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/public/a b/c")]
    [InlineData("/public/café/日本/€")]
    [InlineData("/public/100%")]
    [InlineData("/public/100%2")]
    [InlineData("/public/%zz")]
    [InlineData("/a.b/.hidden/.../x-y_z~!$&'()*+,=:@")]
    [InlineData("/trailing/")]
    public void Find_PlainPath_IsNotAmbiguous(string path) => Assert.Null(PathAmbiguity.Find(path));

    [Theory]
    [InlineData("/public/..;/admin", "';'")]
    [InlineData("/admin;jsessionid=1/x", "';'")]
    [InlineData("/a\\b", "backslash")]
    [InlineData("/a%2Fb", "percent-encoding")]
    [InlineData("/a%2fb", "percent-encoding")]
    [InlineData("/a/%2e%2e/b", "percent-encoding")]
    [InlineData("/a/%ff/b", "percent-encoding")]
    [InlineData("//admin", "empty segment")]
    [InlineData("/a//b", "empty segment")]
    [InlineData("/a\r\nX-Injected: 1", "control character")]
    [InlineData("/a\tb", "control character")]
    [InlineData("/a\u007fb", "control character")]
    [InlineData("/a/\u2025/b", "Unicode")]
    [InlineData("/a\uff0fb", "Unicode")]
    [InlineData("/a\uff3cb", "Unicode")]
    [InlineData("/a\ufe54b", "Unicode")]
    public void Find_AmbiguousPath_SaysWhy(string path, string reason) =>
        Assert.Contains(reason, PathAmbiguity.Find(path), StringComparison.Ordinal);

    [Fact]
    public void Find_LoneSurrogate_IsAmbiguous()
    {
        // Built at run time: a lone surrogate does not survive as theory data.
        var path = "/a" + (char)0xD800 + "b";

        Assert.NotNull(PathAmbiguity.Find(path));
    }
}
