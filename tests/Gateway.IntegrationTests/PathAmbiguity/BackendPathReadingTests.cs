using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.PathAmbiguity;

/// <summary>
/// The path-reading backends are real: raw request targets sent straight to them (no gateway) are read the way the
/// servers they stand for read them. The tables record what Tomcat 10.1 (Debian's) and Kestrel did here, not what they
/// were expected to do.
/// </summary>
public sealed class BackendPathReadingTests(PathReadingBackends backends) : IClassFixture<PathReadingBackends>
{
    private const int Refused = 400;

    [Theory]
    [InlineData("/public/..;/admin/x", "/admin/x")]
    [InlineData("/admin;jsessionid=1/x", "/admin/x")]
    [InlineData("/public/%2e%2e;/admin", "/admin")]
    [InlineData("/a/..;x=1/b", "/b")]
    [InlineData("/a/.;x/b", "/a/b")]
    [InlineData("/a;x/b", "/a/b")]
    [InlineData("/a/%2e%2e/b", "/b")]
    [InlineData("/a/.%2e/b", "/b")]
    [InlineData("/a/./b", "/a/b")]
    [InlineData("/a/..", "/")]
    [InlineData("/a//b", "/a/b")]
    [InlineData("/a/%3B/b", "/a/;/b")]
    [InlineData("/a/..%3b/b", "/a/..;/b")]
    [InlineData("/a/%252e%252e/b", "/a/%2e%2e/b")]
    [InlineData("/a/.../b", "/a/.../b")]
    public async Task Tomcat_RawTarget_ReadsAsRecorded(string rawTarget, string tomcatPath)
    {
        var tomcat = await SendToTomcatAsync(backends.Tomcat, rawTarget);

        Assert.Equal(tomcatPath, tomcat.Path);
        Assert.Equal("", tomcat.ServletPath);
        Assert.Equal(tomcatPath, tomcat.PathInfo);
    }

    [Theory]
    [InlineData("/a%2Fb")]
    [InlineData("/a%2fb")]
    [InlineData("/public/..%2Fadmin")]
    [InlineData("/a%5Cb")]
    [InlineData("/a\\b")]
    [InlineData("/a/%00/b")]
    [InlineData("/..")]
    [InlineData("/a/../../b")]
    [InlineData("/a/%ff/b")]
    [InlineData("/a/%c0%ae%c0%ae/b")]
    public async Task Tomcat_RawTargetItCannotReadSafely_Refuses(string rawTarget)
    {
        var response = await RawHttp.SendAsync(backends.Tomcat.Address, rawTarget);

        Assert.True(response.StatusCode == Refused, $"Tomcat answered {rawTarget} with:\n{response}");
    }

    [Theory]
    [InlineData("/a%2Fb", "/a/b")]
    [InlineData("/public/..%2Fadmin", "/admin")]
    [InlineData("/public/..%5Cadmin", "/admin")]
    [InlineData("/public/..\\admin", "/admin")]
    [InlineData("/public/..;/admin", "/admin")]
    public async Task LenientTomcat_EncodedSlashOrBackslash_ReadsAsSeparator(string rawTarget, string tomcatPath)
    {
        var tomcat = await SendToTomcatAsync(backends.LenientTomcat, rawTarget);

        Assert.Equal(tomcatPath, tomcat.Path);
    }

    [Theory]
    [InlineData("/public/..;/admin/x")]
    [InlineData("/admin;jsessionid=1/x")]
    [InlineData("/public/%2e%2e;/admin")]
    [InlineData("/a/..%3b/b")]
    [InlineData("/a/.;x/b")]
    public async Task TomcatStyleReading_PathParameters_AgreesWithTomcat(string rawTarget)
    {
        var tomcat = await SendToTomcatAsync(backends.Tomcat, rawTarget);

        Assert.Equal(tomcat.Path, PathReadings.TomcatStyle(rawTarget));
    }

    [Theory]
    [InlineData("/public/..%2Fadmin", PathReading.DecodedSlashes)]
    [InlineData("/public/x%2F..%2F..%2Fadmin", PathReading.DecodedSlashes)]
    [InlineData("/public/..%5Cadmin", PathReading.BackslashAsSlash)]
    [InlineData("/public/..\\admin", PathReading.BackslashAsSlash)]
    public async Task SeparatorReadings_EncodedSlashOrBackslash_AgreeWithLenientTomcat(string rawTarget, PathReading reading)
    {
        var tomcat = await SendToTomcatAsync(backends.LenientTomcat, rawTarget);

        Assert.Equal(tomcat.Path, PathReadings.Read(reading, rawTarget));
    }

    /// <summary>An absolute-form target (RFC 9112 §3.2.2) whose authority is the Host header's: read as its path.</summary>
    [Fact]
    public async Task Tomcat_AbsoluteFormTarget_ReadsItsPath()
    {
        var tomcat = await SendToTomcatAsync(backends.Tomcat, $"{Authority(backends.Tomcat.Address)}/public/..;/admin");

        Assert.Equal("/admin", tomcat.Path);
    }

    [Fact]
    public async Task Tomcat_AnyMethod_EchoesMethodQueryAndEveryHeaderValue()
    {
        var response = await RawHttp.SendAsync(backends.Tomcat.Address, "/admin;jsessionid=1/x?a=1&b=%2F", "DELETE", ("X-Probe", "one"), ("X-Probe", "two"), ("X-Other", "three"));

        Assert.True(response.StatusCode == 200, response.ToString());
        var tomcat = new TomcatEchoedRequest(response.Body);
        Assert.Equal("DELETE", tomcat.Method);
        Assert.Equal("/admin;jsessionid=1/x", tomcat.RequestUri);
        Assert.Equal("a=1&b=%2F", tomcat.Query);
        Assert.Equal(["one", "two"], tomcat.Header("X-Probe"));
        Assert.Equal(["three"], tomcat.Header("x-other"));
        Assert.Contains("x-probe", tomcat.HeaderNames);
    }

    [Theory]
    [InlineData("/public/..;/admin/x", "/public/..;/admin/x", "/public/..;/admin/x", "/public/..;/admin/x", "/admin/x")]
    [InlineData("/public/%2e%2e;/admin", "/public/..;/admin", "/public/..;/admin", "/public/..;/admin", "/admin")]
    [InlineData("/admin;jsessionid=1/x", "/admin;jsessionid=1/x", "/admin;jsessionid=1/x", "/admin;jsessionid=1/x", "/admin/x")]
    [InlineData("/public/..%5Cadmin", "/public/..\\admin", "/admin", "/public/..\\admin", "/public/..\\admin")]
    [InlineData("/public/..\\admin", "/public/..\\admin", "/admin", "/public/..\\admin", "/public/..\\admin")]
    [InlineData("/public/..%2Fadmin", "/public/..%2Fadmin", "/public/..%2Fadmin", "/admin", "/public/..%2Fadmin")]
    [InlineData("/public%2f..%2fadmin", "/public%2f..%2fadmin", "/public%2f..%2fadmin", "/admin", "/public%2f..%2fadmin")]
    public async Task EchoBackend_AmbiguousRawTarget_ReportsEachReading(
        string rawTarget, string kestrelPath, string backslashAsSlash, string decodedSlashes, string tomcatStyle)
    {
        var echoed = await SendToEchoAsync(rawTarget);

        Assert.Equal(rawTarget, echoed.RawTarget);
        Assert.Equal(kestrelPath, echoed.Path);
        Assert.Equal(backslashAsSlash, echoed.Reading(PathReading.BackslashAsSlash));
        Assert.Equal(decodedSlashes, echoed.Reading(PathReading.DecodedSlashes));
        Assert.Equal(tomcatStyle, echoed.Reading(PathReading.TomcatStyle));
    }

    /// <summary>Without <c>;</c>, <c>\</c>, <c>%5C</c> or <c>%2F</c> every reading is Kestrel's own, decoding and all.</summary>
    [Theory]
    [InlineData("/a/b")]
    [InlineData("/a/%2e%2e/b")]
    [InlineData("/a/.%2E/b")]
    [InlineData("/a/./b")]
    [InlineData("/a//b")]
    [InlineData("/a/..")]
    [InlineData("/../a")]
    [InlineData("/a/../../../b")]
    [InlineData("/a/%252e%252e/b")]
    [InlineData("/caf%C3%A9/%20x")]
    [InlineData("/a/%ff/b")]
    [InlineData("/a/b?x=/../c")]
    public async Task EchoBackend_UnambiguousRawTarget_EveryReadingIsKestrels(string rawTarget)
    {
        var echoed = await SendToEchoAsync(rawTarget);

        Assert.All(Enum.GetValues<PathReading>(), reading => Assert.Equal(echoed.Path, echoed.Reading(reading)));
    }

    [Fact]
    public async Task EchoBackend_AbsoluteFormTarget_EveryReadingIsKestrels()
    {
        var echoed = await SendToEchoAsync($"{Authority(backends.Echo.Address)}/a/../b");

        Assert.Equal("/b", echoed.Path);
        Assert.All(Enum.GetValues<PathReading>(), reading => Assert.Equal("/b", echoed.Reading(reading)));
    }

    /// <summary>Both servers refuse an absolute-form target whose authority is not the Host header's.</summary>
    [Fact]
    public async Task BothServers_AbsoluteFormTargetOfAnotherHost_Refuse()
    {
        var tomcat = await RawHttp.SendAsync(backends.Tomcat.Address, "http://elsewhere/a");
        var kestrel = await RawHttp.SendAsync(backends.Echo.Address, "http://elsewhere/a");

        Assert.True(tomcat.StatusCode == Refused, tomcat.ToString());
        Assert.True(kestrel.StatusCode == Refused, kestrel.ToString());
    }

    [Fact]
    public async Task EchoBackend_EncodedNul_KestrelRefuses()
    {
        var response = await RawHttp.SendAsync(backends.Echo.Address, "/a/%00/b");

        Assert.True(response.StatusCode == Refused, response.ToString());
    }

    private static string Authority(Uri address) => address.GetLeftPart(UriPartial.Authority);

    private static async Task<TomcatEchoedRequest> SendToTomcatAsync(TomcatServer tomcat, string rawTarget)
    {
        var response = await RawHttp.SendAsync(tomcat.Address, rawTarget);
        Assert.True(response.StatusCode == 200, $"Tomcat answered {rawTarget} with:\n{response}");
        var echoed = new TomcatEchoedRequest(response.Body);
        Assert.Equal(PathReadings.PathOf(rawTarget), echoed.RequestUri);
        return echoed;
    }

    private async Task<EchoedRequest> SendToEchoAsync(string rawTarget)
    {
        var response = await RawHttp.SendAsync(backends.Echo.Address, rawTarget);
        Assert.True(response.StatusCode == 200, $"The echo backend answered {rawTarget} with:\n{response}");
        return new EchoedRequest(response.Body);
    }
}
