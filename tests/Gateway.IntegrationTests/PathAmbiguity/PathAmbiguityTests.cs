using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.PathAmbiguity;

/// <summary>
/// Gateways in front of the backends that read paths differently: a default Tomcat, a Tomcat that decodes <c>%2F</c>
/// and reads <c>\</c> as <c>/</c>, and the Kestrel echo backend. Each has the test configuration's routes (an
/// anonymous <c>/public/</c>, an admin-only <c>/admin/</c>, an authenticated catch-all) and a <c>/raw/</c> route that
/// opts out of the path check.
/// </summary>
public sealed class PathAmbiguityGateways : IAsyncLifetime
{
    private readonly PathReadingBackends _backends = new();

    public GatewayHost InFrontOfTomcat { get; private set; } = null!;

    public GatewayHost InFrontOfLenientTomcat { get; private set; } = null!;

    public GatewayHost InFrontOfEcho { get; private set; } = null!;

    internal PathReadingBackends Backends => _backends;

    public async ValueTask InitializeAsync()
    {
        await _backends.InitializeAsync();
        InFrontOfTomcat = await StartAsync(_backends.Tomcat.Address);
        InFrontOfLenientTomcat = await StartAsync(_backends.LenientTomcat.Address);
        InFrontOfEcho = await StartAsync(backend: null);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in new[] { InFrontOfTomcat, InFrontOfLenientTomcat, InFrontOfEcho })
        {
            if (gateway is not null)
            {
                await gateway.DisposeAsync();
            }
        }

        await _backends.DisposeAsync();
    }

    private async Task<GatewayHost> StartAsync(Uri? backend) => await GatewayHost.StartAsync(
        config =>
        {
            var routes = config["ReverseProxy"]!["Routes"]!.AsObject();
            var raw = TestConfig.Route("/raw/{**rest}", "anonymous");
            raw["Metadata"] = new JsonObject { ["Gateway.PathCheck"] = "off" };
            routes["raw"] = raw;
            if (backend is not null)
            {
                config["ReverseProxy"]!["Clusters"]!["backend"]!["Destinations"]!["one"]!["Address"] = backend.ToString();
            }
        },
        backend: backend is null ? _backends.Echo : null);
}

/// <summary>
/// The policy bypass an outside test found, closed: the gateway decided on Kestrel's reading of a path but forwarded
/// bytes a backend read as another path, so an anonymous route reached an admin-only one on a real Tomcat. Every such
/// path is now 400 <c>path-ambiguous</c> before it reaches a backend; plain paths pass; a route may opt out, and then
/// an encoded slash is forwarded as sent.
/// </summary>
public sealed class PathAmbiguityTests(PathAmbiguityGateways gateways) : IClassFixture<PathAmbiguityGateways>
{
    /// <summary>Anonymous requests on the public route that Tomcat reads as the admin route.</summary>
    public static TheoryData<string> TomcatBypasses => new()
    {
        "/public/..;/admin/secret",
        "/public/%2e%2e;/admin/secret",
        "/public/..%3b/admin/secret",
        "/public/..;x=1/admin/secret",
        "/public/.%2e;/admin/secret",
    };

    [Theory]
    [MemberData(nameof(TomcatBypasses))]
    public async Task AnonymousRouteToAdminOnTomcat_IsRefused_AndTomcatWouldHaveServedIt(string rawTarget)
    {
        var direct = await RawHttp.SendAsync(gateways.Backends.Tomcat.Address, ForwardedForm(rawTarget));
        var throughGateway = await RawHttp.SendAsync(gateways.InFrontOfTomcat.Address, rawTarget);

        Assert.Equal("/admin/secret", new TomcatEchoedRequest(direct.Body).Path);
        AssertRefused(throughGateway, rawTarget);
    }

    /// <summary>Requests of a signed-in user without the admin role, on the catch-all route, that Tomcat reads as <c>/admin/</c>.</summary>
    [Theory]
    [InlineData("//admin/secret")]
    [InlineData("/admin;jsessionid=0123/secret")]
    [InlineData("/admin;/secret")]
    public async Task AuthenticatedRouteToAdminOnTomcat_IsRefused(string rawTarget)
    {
        var token = gateways.InFrontOfTomcat.IssueAccessToken(GatewayHost.Identity("no-admin"));

        var direct = await RawHttp.SendAsync(gateways.Backends.Tomcat.Address, rawTarget);
        var throughGateway = await RawHttp.SendAsync(gateways.InFrontOfTomcat.Address, rawTarget, headers: [("Authorization", "Bearer " + token)]);

        Assert.Equal("/admin/secret", new TomcatEchoedRequest(direct.Body).Path);
        AssertRefused(throughGateway, rawTarget);
    }

    /// <summary>Encoded slashes and backslashes that a decoding server (here a Tomcat set so) reads as separators.</summary>
    [Theory]
    [InlineData("/public/..%2Fadmin/secret")]
    [InlineData("/public/..%2fadmin/secret")]
    [InlineData("/public/..%5Cadmin/secret")]
    [InlineData("/public/..\\admin/secret")]
    public async Task EncodedSlashOrBackslash_IsRefused_WhereALenientTomcatReadsAdmin(string rawTarget)
    {
        var direct = await RawHttp.SendAsync(gateways.Backends.LenientTomcat.Address, rawTarget);
        var throughGateway = await RawHttp.SendAsync(gateways.InFrontOfLenientTomcat.Address, rawTarget);

        Assert.Equal("/admin/secret", new TomcatEchoedRequest(direct.Body).Path);
        AssertRefused(throughGateway, rawTarget);
    }

    /// <summary>What other servers (IIS, double decoders, Unicode-normalizing frameworks) read otherwise.</summary>
    [Theory]
    [InlineData("/public/%252e%252e/admin/secret")]
    [InlineData("/public/%25252e/admin")]
    [InlineData("/public/%ff/x")]
    [InlineData("/public/%0d%0aX-Injected:%20yes")]
    [InlineData("/public/a%09b")]
    [InlineData("/public/%E2%80%A5/admin/secret")]
    [InlineData("/public/%EF%BC%8F..%EF%BC%8Fadmin")]
    [InlineData("/public/%EF%BC%8E%EF%BC%8E/admin")]
    [InlineData("/public/a;b")]
    [InlineData("/public/a//b")]
    public async Task OtherAmbiguousPaths_AreRefused(string rawTarget)
    {
        var response = await RawHttp.SendAsync(gateways.InFrontOfEcho.Address, rawTarget);

        AssertRefused(response, rawTarget);
    }

    /// <summary>Paths that read the same everywhere, percent-encodings and non-ASCII letters included.</summary>
    [Theory]
    [InlineData("/public/plain/path", "/public/plain/path")]
    [InlineData("/public/a%20b", "/public/a b")]
    [InlineData("/public/caf%C3%A9", "/public/café")]
    [InlineData("/public/%E2%82%AC", "/public/€")]
    [InlineData("/public/100%25", "/public/100%")]
    [InlineData("/public/x/../y", "/public/y")]
    [InlineData("/public/%2e/y", "/public/y")]
    [InlineData("/public/a.b/.hidden/...", "/public/a.b/.hidden/...")]
    [InlineData("/public/%E6%97%A5%E6%9C%AC", "/public/日本")]
    public async Task PlainPaths_AreForwarded_AndEveryBackendReadsThePathTheGatewayAuthorized(string rawTarget, string path)
    {
        var response = await RawHttp.SendAsync(gateways.InFrontOfEcho.Address, rawTarget);

        Assert.True(response.StatusCode == 200, response.ToString());
        var echoed = new EchoedRequest(response.Body);
        Assert.Equal(path, echoed.Path);
        foreach (var reading in Enum.GetValues<PathReading>())
        {
            Assert.Equal(path, echoed.Reading(reading));
        }
    }

    [Fact]
    public async Task PlainPath_OnTomcat_IsServed()
    {
        var response = await RawHttp.SendAsync(gateways.InFrontOfTomcat.Address, "/public/a%20b/c");

        Assert.True(response.StatusCode == 200, response.ToString());
        Assert.Equal("/public/a b/c", new TomcatEchoedRequest(response.Body).Path);
    }

    [Fact]
    public async Task RouteThatOptsOut_ForwardsAnEncodedSlashAsSent()
    {
        var response = await RawHttp.SendAsync(gateways.InFrontOfEcho.Address, "/raw/files/a%2Fb.txt?x=1");

        Assert.True(response.StatusCode == 200, response.ToString());
        var echoed = new EchoedRequest(response.Body);
        Assert.Equal("/raw/files/a%2Fb.txt?x=1", echoed.RawTarget);
    }

    [Fact]
    public async Task RouteThatOptsOut_TakesSemicolonsToo()
    {
        var response = await RawHttp.SendAsync(gateways.InFrontOfEcho.Address, "/raw/a;v=1/b");

        Assert.True(response.StatusCode == 200, response.ToString());
    }

    [Fact]
    public async Task GatewayEndpoints_AreNotProxied_SoTheirPathsAreNotChecked()
    {
        var response = await RawHttp.SendAsync(gateways.InFrontOfEcho.Address, "/.auth/login?returnUrl=%2Fa%3Bb");

        Assert.Equal(200, response.StatusCode);
    }

    private static void AssertRefused(RawHttpResponse response, string rawTarget)
    {
        Assert.True(response.StatusCode == 400, $"{rawTarget} was answered:\n{response}");
        Assert.Contains("\"code\":\"path-ambiguous\"", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(rawTarget, response.Body, StringComparison.Ordinal);
    }

    /// <summary>What YARP puts on the wire for a path Kestrel decoded: an encoded ';' arrives as ';'.</summary>
    private static string ForwardedForm(string rawTarget) =>
        rawTarget.Replace("%3b", ";", StringComparison.OrdinalIgnoreCase).Replace("%2e", ".", StringComparison.OrdinalIgnoreCase);
}
