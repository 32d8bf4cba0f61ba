using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Headers;

/// <summary>
/// A gateway with an HTTP/1.1 and an HTTP/2 (prior knowledge) listener, for the scrubbing tests.
/// </summary>
public sealed class TwoProtocolGatewayFixture : IAsyncLifetime
{
    public GatewayHost Host { get; private set; } = null!;

    public int Http2Port { get; } = FreePort.Next();

    public async ValueTask InitializeAsync()
    {
        Host = await GatewayHost.StartAsync(config =>
        {
            var port = new Uri(config["Gateway"]!["PublicOrigin"]!.GetValue<string>()).Port;
            config["Kestrel"] = new JsonObject
            {
                ["Endpoints"] = new JsonObject
                {
                    ["h1"] = new JsonObject { ["Url"] = $"http://127.0.0.1:{port}", ["Protocols"] = "Http1" },
                    ["h2"] = new JsonObject { ["Url"] = $"http://127.0.0.1:{Http2Port}", ["Protocols"] = "Http2" },
                },
            };
        });
    }

    public HttpClient CreateClient(Version version)
    {
        var client = Host.CreateClient(version);
        if (version == HttpVersion.Version20)
        {
            client.BaseAddress = new Uri($"http://127.0.0.1:{Http2Port}/");
        }

        return client;
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// Client-supplied identity headers never reach the backend, on anonymous and protected routes, over HTTP/1.1 and
/// HTTP/2: names in any case, with '_' for '-', repeated, comma-joined (DESIGN.md §6, issue 3 item 6).
/// </summary>
public sealed class HeaderScrubbingTests(TwoProtocolGatewayFixture fixture) : IClassFixture<TwoProtocolGatewayFixture>
{
    private static readonly string[] IdentityHeaderNames =
    [
        "X-Forwarded-User", "X-Forwarded-Preferred-Username", "X-Forwarded-Email", "X-Forwarded-Groups",
        "X-Auth-Method", "X-Device-Id", "X-Gateway-Assertion",
    ];

    private static readonly string[] LegacyHeaderNames =
    [
        "X-Auth-Request-User", "X-Auth-Request-Email", "X-Auth-Request-Preferred-Username", "X-Auth-Request-Groups",
        "X-Auth-Request-Access-Token", "X-Forwarded-Access-Token", "X-Transaction-Credential", "X-Proof-Of-Possession",
        "X-Original-URL", "X-Rewrite-URL",
    ];

    /// <summary>
    /// Each variant: the headers a client sends. 7 names × 10 spellings (case, '_' for '-', and look-alikes that differ
    /// only in punctuation, which some servers fold into the same CGI variable) + other names + mixtures: 84 variants.
    /// </summary>
    public static TheoryData<string> Variants()
    {
        var data = new TheoryData<string>();
        foreach (var name in IdentityHeaderNames)
        {
            data.Add($"{name}: spoofed");
            data.Add($"{name.ToLowerInvariant()}: spoofed");
            data.Add($"{name.ToUpperInvariant()}: spoofed");
            data.Add($"{name.Replace('-', '_')}: spoofed");
            data.Add($"{name.ToLowerInvariant().Replace('-', '_')}: spoofed");
            data.Add($"{string.Concat(name.Select((c, i) => c == '-' && i % 2 == 0 ? '_' : c))}: spoofed");
            data.Add($"{name.Replace('-', '.')}: spoofed");
            data.Add($"{name.Replace('-', '~')}: spoofed");
            data.Add($"{name.Replace("-", "", StringComparison.Ordinal)}: spoofed");
            data.Add($"{name}: spoofed|{name}: spoofed-again");
        }

        foreach (var name in LegacyHeaderNames)
        {
            data.Add($"{name}: spoofed");
        }

        data.Add("X-Forwarded-User: mallory, admin");
        data.Add("X-Forwarded-User: spoofed|x_forwarded_user: spoofed-too|X_FORWARDED_USER: spoofed-three");
        data.Add("X-Forwarded-Groups: admins,root");
        data.Add("X-Auth-Method: passkey|X-Device-Id: dev-1");
        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public Task AnonymousRoute_Http11_NoClientIdentityHeaderReachesBackend(string variant) =>
        AssertScrubbed(variant, "/public/scrub", authenticated: false, HttpVersion.Version11);

    [Theory]
    [MemberData(nameof(Variants))]
    public Task ProtectedRoute_Http11_OnlyTheGatewaysValuesReachBackend(string variant) =>
        AssertScrubbed(variant, "/app/scrub", authenticated: true, HttpVersion.Version11);

    [Theory]
    [MemberData(nameof(Variants))]
    public Task AnonymousRoute_Http2_NoClientIdentityHeaderReachesBackend(string variant) =>
        AssertScrubbed(variant, "/public/scrub", authenticated: false, HttpVersion.Version20);

    [Theory]
    [MemberData(nameof(Variants))]
    public Task ProtectedRoute_Http2_OnlyTheGatewaysValuesReachBackend(string variant) =>
        AssertScrubbed(variant, "/app/scrub", authenticated: true, HttpVersion.Version20);

    [Fact]
    public async Task AnonymousRoute_SignedInCaller_GetsIdentityHeaders()
    {
        using var client = fixture.CreateClient(HttpVersion.Version11);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/public/who");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Host.IssueAccessToken(GatewayHost.Identity("carol")));

        var echoed = await EchoedRequest.ReadAsync(await client.SendAsync(request));

        Assert.Equal(["carol"], echoed.Header("X-Forwarded-User"));
    }

    private async Task AssertScrubbed(string variant, string path, bool authenticated, Version version)
    {
        using var client = fixture.CreateClient(version);
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Version = version, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        foreach (var header in variant.Split('|'))
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            Assert.True(request.Headers.TryAddWithoutValidation(header[..colon], header[(colon + 1)..].Trim()));
        }

        if (authenticated)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Host.IssueAccessToken(GatewayHost.Identity("alice")));
        }

        using var response = await client.SendAsync(request);
        var echoed = await EchoedRequest.ReadAsync(response);

        Assert.Equal(version, response.Version);
        var values = echoed.HeaderNames
            .Where(n => IdentityHeaderNames.Concat(LegacyHeaderNames).Any(known => Normalize(known) == Normalize(n)))
            .SelectMany(n => echoed.Header(n).Select(v => $"{n}: {v}"))
            .ToList();
        Assert.DoesNotContain(values, v => v.Contains("spoofed", StringComparison.Ordinal) || v.Contains("mallory", StringComparison.Ordinal)
            || v.Contains("admins", StringComparison.Ordinal) || v.Contains("dev-1", StringComparison.Ordinal));
        if (authenticated)
        {
            Assert.Equal(["alice"], echoed.Header("X-Forwarded-User"));
            Assert.Equal(["passkey"], echoed.Header("X-Auth-Method"));
            Assert.Single(echoed.Header("X-Gateway-Assertion"));
            Assert.DoesNotContain(echoed.HeaderNames, n => n.Any(c => c is '_' or '.' or '~'));
        }
        else
        {
            Assert.Empty(values);
        }
    }

    /// <summary>The letters and digits of a name, lower-cased: how a CGI-style server may read it.</summary>
    private static string Normalize(string name) => string.Concat(name.Where(char.IsAsciiLetterOrDigit)).ToLowerInvariant();
}
