using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Hardening;

/// <summary>
/// The headers a backend reads the client's address, host and scheme from are the gateway's to write: a client's copies
/// are replaced, never appended to, unless the client is a trusted proxy, whose <c>X-Forwarded-For</c> chain is kept.
/// </summary>
public sealed class ForwardedHeaderTests
{
    [Fact]
    public async Task UntrustedClient_ForwardedHeaders_AreReplacedByTheGatewaysOwn()
    {
        await using var gateway = await GatewayHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/public/forwarded");
        request.Headers.Add("X-Forwarded-For", "203.0.113.66");
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Prefix", "/evil");
        request.Headers.Add("Forwarded", "for=203.0.113.66;host=evil.example;proto=https");

        var echoed = await EchoedRequest.ReadAsync(await gateway.Client.SendAsync(request));

        Assert.Equal(["127.0.0.1"], echoed.Header("X-Forwarded-For"));
        Assert.Equal([gateway.Address.Authority], echoed.Header("X-Forwarded-Host"));
        Assert.Equal(["http"], echoed.Header("X-Forwarded-Proto"));
        Assert.Empty(echoed.Header("X-Forwarded-Prefix"));
        Assert.Empty(echoed.Header("Forwarded"));
    }

    [Fact]
    public async Task TrustedProxy_ItsClientAddress_IsTheOneForwarded()
    {
        await using var gateway = await GatewayHost.StartAsync(config => config["Gateway"]!["TrustedProxies"] = new JsonArray("127.0.0.1"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/public/forwarded");
        request.Headers.Add("X-Forwarded-For", "198.51.100.23");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var echoed = await EchoedRequest.ReadAsync(await gateway.Client.SendAsync(request));

        Assert.Equal(["198.51.100.23"], echoed.Header("X-Forwarded-For"));
        Assert.Equal(["https"], echoed.Header("X-Forwarded-Proto"));
    }
}
