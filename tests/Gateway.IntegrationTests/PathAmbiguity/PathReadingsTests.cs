using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.PathAmbiguity;

/// <summary>The readings as pure functions, each on the cases that tell it apart from the others and from Kestrel.</summary>
public sealed class PathReadingsTests
{
    [Theory]
    [InlineData("/public/..;/admin/x", "/admin/x")]
    [InlineData("/admin;jsessionid=1/x", "/admin/x")]
    [InlineData("/public/%2e%2e;/admin", "/admin")]
    [InlineData("/a/.;x/b", "/a/b")]
    [InlineData("/a;x/b;y", "/a/b")]
    [InlineData("/a/..%3b/b", "/a/..;/b")]
    [InlineData("/public/..\\admin", "/public/..\\admin")]
    [InlineData("/public/..%2Fadmin", "/public/..%2Fadmin")]
    [InlineData("/public/..;/admin?next=/x;y", "/admin")]
    public void TomcatStyle_RawTarget_StripsParametersThenResolves(string rawTarget, string expected) =>
        Assert.Equal(expected, PathReadings.TomcatStyle(rawTarget));

    [Theory]
    [InlineData("/public/..\\admin", "/admin")]
    [InlineData("/public/..%5Cadmin", "/admin")]
    [InlineData("/public/..%5cadmin", "/admin")]
    [InlineData("/public\\..\\..\\admin", "/admin")]
    [InlineData("/a%5Cb", "/a/b")]
    [InlineData("/public/..%2Fadmin", "/public/..%2Fadmin")]
    [InlineData("/public/..;/admin", "/public/..;/admin")]
    public void BackslashAsSlash_RawTarget_ReadsBackslashesAsSeparators(string rawTarget, string expected) =>
        Assert.Equal(expected, PathReadings.BackslashAsSlash(rawTarget));

    [Theory]
    [InlineData("/public/..%2Fadmin", "/admin")]
    [InlineData("/public/..%2fadmin", "/admin")]
    [InlineData("/public/x%2F..%2F..%2Fadmin", "/admin")]
    [InlineData("/a%2Fb", "/a/b")]
    [InlineData("/a/%252F/b", "/a/%2F/b")]
    [InlineData("/public/..%5Cadmin", "/public/..\\admin")]
    [InlineData("/public/..;/admin", "/public/..;/admin")]
    public void DecodedSlashes_RawTarget_ReadsEncodedSlashesAsSeparators(string rawTarget, string expected) =>
        Assert.Equal(expected, PathReadings.DecodedSlashes(rawTarget));

    /// <summary>What every reading shares with Kestrel (measured: see BackendPathReadingTests).</summary>
    [Theory]
    [InlineData("/a/%2e%2e/b", "/b")]
    [InlineData("/a/.%2E/b", "/b")]
    [InlineData("/a/./b", "/a/b")]
    [InlineData("/a/b/.", "/a/b/")]
    [InlineData("/a/b/..", "/a/")]
    [InlineData("/a/..", "/")]
    [InlineData("/../../a", "/a")]
    [InlineData("/a//b", "/a//b")]
    [InlineData("/a//../b", "/a/b")]
    [InlineData("/a/.../b", "/a/.../b")]
    [InlineData("/a/%252e%252e/b", "/a/%2e%2e/b")]
    [InlineData("/caf%C3%A9", "/caf\u00e9")]
    [InlineData("/a/%ff/b", "/a/%ff/b")]
    [InlineData("/a/%2", "/a/%2")]
    [InlineData("/a/b?x=/../c", "/a/b")]
    [InlineData("http://x/a/../b?y", "/b")]
    [InlineData("http://x", "/")]
    public void EveryReading_UnambiguousRawTarget_DecodesAndResolvesAsKestrel(string rawTarget, string expected) =>
        Assert.All(Enum.GetValues<PathReading>(), reading => Assert.Equal(expected, PathReadings.Read(reading, rawTarget)));
}
