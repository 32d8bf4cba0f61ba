using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.Configuration;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Configuration;

/// <summary>Editing the config file re-applies routes, clusters, policies and identity headers; a bad edit changes nothing.</summary>
public sealed class HotReloadTests : IAsyncLifetime
{
    private GatewayHost _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await GatewayHost.StartAsync();

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task ValidEdit_AppliesNewRoutePolicyAndHeaders()
    {
        var config = (JsonObject)_gateway.Config.DeepClone();
        var gateway = config["Gateway"]!.AsObject();
        gateway["Policies"]!["auditors"] = new JsonObject { ["Claims"] = new JsonObject { ["team"] = new JsonArray("audit") } };
        gateway["IdentityHeaders"] = new JsonObject { ["X-Remote-User"] = "sub" };
        var routes = config["ReverseProxy"]!["Routes"]!.AsObject();
        routes["audit"] = TestConfig.Route("/audit/{**rest}", "auditors");
        routes["public"]!["AuthorizationPolicy"] = "admins";
        var generation = Generation();

        await _gateway.WriteConfigAsync(config);

        // YARP swaps its endpoints shortly after the snapshot changes: wait for the new route to answer.
        await WaitUntil(() => Generation() > generation);
        await WaitUntilAsync(async () => await StatusAsync("/audit/x") != HttpStatusCode.NotFound);

        var auditor = GatewayHost.Identity("ann") with { ExtraClaims = new Dictionary<string, object> { ["team"] = "audit" } };
        using var allowed = await GetAsync("/audit/x", _gateway.IssueAccessToken(auditor));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var echoed = await EchoedRequest.ReadAsync(allowed);
        Assert.Equal(["ann"], echoed.Header("X-Remote-User"));
        Assert.Empty(echoed.Header("X-Forwarded-User"));
        using var denied = await GetAsync("/audit/x", _gateway.IssueAccessToken(GatewayHost.Identity("bob")));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        using var nowProtected = await GetAsync("/public/x", token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, nowProtected.StatusCode);
    }

    [Theory]
    [InlineData("unknown-policy")]
    [InlineData("unknown-cluster")]
    [InlineData("misspelt-key")]
    [InlineData("invalid-json")]
    [InlineData("bad-route-pattern")]
    public async Task InvalidEdit_IsRejected_AndTheLastGoodConfigStaysLive(string breakage)
    {
        var original = (JsonObject)_gateway.Config.DeepClone();
        var config = (JsonObject)original.DeepClone();
        var routes = config["ReverseProxy"]!["Routes"]!.AsObject();
        routes["public"]!["AuthorizationPolicy"] = "admins";
        switch (breakage)
        {
            case "unknown-policy":
                routes["extra"] = TestConfig.Route("/extra/{**rest}", "no-such-policy");
                break;
            case "unknown-cluster":
                routes["extra"] = new JsonObject { ["ClusterId"] = "nowhere", ["Match"] = new JsonObject { ["Path"] = "/extra" } };
                break;
            case "misspelt-key":
                config["Gateway"]!["Polices"] = new JsonObject { ["x"] = new JsonObject { ["KnownDevice"] = true } };
                break;
            case "bad-route-pattern":
                routes["extra"] = TestConfig.Route("/extra/{**rest", null);
                break;
        }

        var rejected = Monitor.RejectedReloads;
        var generation = Generation();
        if (breakage == "invalid-json")
        {
            await File.WriteAllTextAsync(_gateway.ConfigPath, config.ToJsonString()[..^10]);
        }
        else
        {
            await _gateway.WriteConfigAsync(config);
        }

        await WaitUntil(() => Monitor.RejectedReloads > rejected);

        Assert.Equal(generation, Generation());
        using var stillAnonymous = await GetAsync("/public/x", token: null);
        Assert.Equal(HttpStatusCode.OK, stillAnonymous.StatusCode);
        Assert.Contains(_gateway.Logs.Lines, l => l.Contains("Configuration edit rejected", StringComparison.Ordinal));

        // A later good edit is applied: the refused one left nothing behind.
        var good = (JsonObject)original.DeepClone();
        good["ReverseProxy"]!["Routes"]!["public"]!["AuthorizationPolicy"] = "admins";
        await _gateway.WriteConfigAsync(good);
        await WaitUntilAsync(async () => await StatusAsync("/public/x") == HttpStatusCode.Unauthorized);
        Assert.True(Generation() > generation);
    }

    private GatewayConfigMonitor Monitor => _gateway.Services.GetRequiredService<GatewayConfigMonitor>();

    private int Generation() => Monitor.Current.Generation;

    private async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _gateway.Client.SendAsync(request);
    }

    private async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var response = await GetAsync(path, token: null);
        return response.StatusCode;
    }

    /// <summary>The file watcher reports edits asynchronously: wait for the effect, bounded.</summary>
    private static Task WaitUntil(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Eventually.UntilAsync(condition, TimeSpan.FromSeconds(20), "the configuration edit's effect");
}
